// Command icon draws Lifeline's application icon (Icon.png in the repository root).
//
//	go run ./docs/icon            # writes ./Icon.png, 512×512
//	go run ./docs/icon -o x.png -size 1024
//
// The icon is drawn from code, not kept only as a binary, so that anyone can rebuild it
// exactly and change a colour or a proportion in review. It uses only the standard library:
// every shape is a signed distance function evaluated on a supersampled grid, which gives
// smooth edges without a vector rasteriser dependency.
package main

import (
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
)

// The artwork is designed on a 512-unit canvas; other sizes scale it.
const design = 512.0

// samples per pixel along each axis: 6×6 gives 37 coverage levels, enough that edges at
// 32 px look as smooth as a vector rasteriser's.
const samples = 6

var (
	bgTop    = rgb(0x16, 0x9c, 0xa0) // teal, top-left
	bgBottom = rgb(0x0b, 0x34, 0x5c) // deep blue, bottom-right
	white    = rgb(0xfa, 0xfb, 0xfc)
	red      = rgb(0xe3, 0x3a, 0x43)
	rope     = rgb(0xf3, 0xe2, 0xbf)
)

func main() {
	out := flag.String("o", "Icon.png", "output PNG file")
	size := flag.Int("size", 512, "width and height in pixels")
	flag.Parse()
	if *size < 16 || *size > 4096 {
		fmt.Fprintf(os.Stderr, "icon: size %d out of range 16..4096\n", *size)
		os.Exit(2)
	}
	if err := write(*out, draw(*size)); err != nil {
		fmt.Fprintf(os.Stderr, "icon: %v\n", err)
		os.Exit(1)
	}
}

func write(path string, img image.Image) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("failed to create icon file: %w", err)
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return fmt.Errorf("failed to encode %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("failed to write %s: %w", path, err)
	}
	return nil
}

// draw renders the icon at size×size by averaging samples×samples points per pixel.
func draw(size int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	scale := design / float64(size)
	for py := 0; py < size; py++ {
		for px := 0; px < size; px++ {
			var acc premul
			for sy := 0; sy < samples; sy++ {
				for sx := 0; sx < samples; sx++ {
					x := (float64(px) + (float64(sx)+0.5)/samples) * scale
					y := (float64(py) + (float64(sy)+0.5)/samples) * scale
					acc = acc.add(shade(x, y))
				}
			}
			img.SetNRGBA(px, py, acc.scale(1.0/(samples*samples)).nrgba())
		}
	}
	return img
}

// Geometry, in design units. The ring's outer edge leaves room for the rope and the shadow
// inside the tile; the hole is wide enough that the keyhole still reads at 32 px.
const (
	cx, cy      = 256.0, 256.0
	tileMargin  = 22.0
	tileRadius  = 112.0
	ringOuter   = 166.0
	ringInner   = 94.0
	ropeRadius  = ringOuter + 2
	ropeSag     = 12.0
	ropeWidth   = 7.0
	shadowDrop  = 12.0
	shadowBlur  = 18.0
	bandDegrees = 45.0 // four red bands, each an eighth of the ring, centred on the diagonals
)

// shade returns the icon's colour at one design-space point, layer by layer, back to front.
func shade(x, y float64) premul {
	var c premul
	if roundedSquare(x, y) > 0 {
		return c // outside the tile: transparent
	}
	c = background(x, y)

	dx, dy := x-cx, y-cy
	r := math.Hypot(dx, dy)
	theta := math.Atan2(dy, dx)

	// Soft drop shadow under the ring and rope, from the ring's distance field shifted down.
	sr := math.Hypot(dx, dy-shadowDrop)
	sd := math.Max(sr-(ropeRadius+ropeSag/2), ringInner-sr)
	c = c.paint(premulOf(rgb(0x04, 0x1a, 0x2e), 0.42*(1-smoothstep(-shadowBlur, shadowBlur, sd))))

	// The rope (the "lifeline") loops around the outside, fixed at each red band.
	if math.Abs(r-ropeAt(theta)) < ropeWidth/2 {
		t := (r - ropeAt(theta)) / (ropeWidth / 2) // -1..1 across the rope
		// Slanted strands, so it reads as twisted rope rather than a line at full size.
		strand := 0.5 + 0.5*math.Cos(2*math.Pi*(theta*ropeRadius+2.5*t)/7)
		c = premulOf(rope.mul((1-0.25*t*t)*(0.86+0.14*strand)), 1)
	}

	if r >= ringInner && r <= ringOuter {
		base := white
		if inRedBand(theta) {
			base = red
		}
		// Tube shading: darker towards both edges, lighter facing the top-left light.
		t := (r-ringInner)/(ringOuter-ringInner)*2 - 1 // -1 inner edge .. 1 outer edge
		light := 1 - 0.20*t*t*t*t
		nx, ny := dx/r*t, dy/r*t // outward normal, tilted by where we are across the tube
		light += 0.07 * -(nx + ny) / math.Sqrt2
		c = premulOf(base.mul(light), 1)
	}

	// The keyhole casts a small shadow too, so it sits on the same plane as the ring.
	c = c.paint(premulOf(rgb(0x04, 0x1a, 0x2e), 0.30*(1-smoothstep(-8, 10, keyhole(x, y-6)))))
	if keyhole(x, y) <= 0 {
		c = premulOf(white, 1)
	}
	return c
}

// roundedSquare is the signed distance to the tile (negative inside).
func roundedSquare(x, y float64) float64 {
	half := design/2 - tileMargin
	qx := math.Abs(x-cx) - (half - tileRadius)
	qy := math.Abs(y-cy) - (half - tileRadius)
	out := math.Hypot(math.Max(qx, 0), math.Max(qy, 0))
	return out + math.Min(math.Max(qx, qy), 0) - tileRadius
}

// background is a diagonal teal-to-blue gradient with a faint glow at the top-left.
func background(x, y float64) premul {
	t := clamp((x+y)/(2*design), 0, 1)
	c := bgTop.lerp(bgBottom, smoothstep(0.1, 0.95, t))
	glow := 1 - clamp(math.Hypot(x-150, y-110)/300, 0, 1)
	return premulOf(c.lerp(rgb(0x5e, 0xd6, 0xd0), 0.18*glow*glow), 1)
}

// ropeAt is the rope's radius at angle theta: touching the ring at the bands, sagging
// outwards between them.
func ropeAt(theta float64) float64 {
	return ropeRadius + ropeSag*math.Abs(math.Sin(2*(theta-math.Pi/4)))
}

func inRedBand(theta float64) bool {
	return math.Abs(angleFromDiagonal(theta)) < bandDegrees/2*math.Pi/180
}

// angleFromDiagonal is the signed angle from theta to the nearest diagonal (45°+k·90°).
func angleFromDiagonal(theta float64) float64 {
	q := math.Pi / 2
	a := math.Mod(theta-math.Pi/4, q)
	if a < 0 {
		a += q
	}
	if a > q/2 {
		a -= q
	}
	return a
}

// keyhole is the signed distance to a keyhole in the ring's hole: a disc on a tapered slot.
func keyhole(x, y float64) float64 {
	disc := math.Hypot(x-cx, y-(cy-22)) - 31
	// Tapered slot from y=cy-8 to y=cy+58, half-width 13 at the top growing to 23.
	top, bottom := cy-8, cy+58
	t := clamp((y-top)/(bottom-top), 0, 1)
	halfW := 13 + 10*t
	slot := math.Max(math.Abs(x-cx)-halfW, math.Max(top-y, y-bottom))
	return math.Min(disc, slot)
}

func smoothstep(e0, e1, x float64) float64 {
	t := clamp((x-e0)/(e1-e0), 0, 1)
	return t * t * (3 - 2*t)
}

func clamp(v, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, v)) }

// col is a straight (non-premultiplied) colour with components in 0..1.
type col struct{ r, g, b float64 }

func rgb(r, g, b uint8) col {
	return col{float64(r) / 255, float64(g) / 255, float64(b) / 255}
}

func (c col) mul(k float64) col {
	return col{clamp(c.r*k, 0, 1), clamp(c.g*k, 0, 1), clamp(c.b*k, 0, 1)}
}

func (c col) lerp(d col, t float64) col {
	return col{c.r + (d.r-c.r)*t, c.g + (d.g-c.g)*t, c.b + (d.b-c.b)*t}
}

// premul is a premultiplied colour: averaging samples must happen in this form, or
// transparent samples would darken the tile's edge.
type premul struct{ r, g, b, a float64 }

func premulOf(c col, a float64) premul { return premul{c.r * a, c.g * a, c.b * a, a} }

func (p premul) add(q premul) premul { return premul{p.r + q.r, p.g + q.g, p.b + q.b, p.a + q.a} }

func (p premul) scale(k float64) premul { return premul{p.r * k, p.g * k, p.b * k, p.a * k} }

// paint composites top over p (Porter–Duff "over").
func (p premul) paint(top premul) premul { return top.add(p.scale(1 - top.a)) }

func (p premul) nrgba() color.NRGBA {
	if p.a <= 0 {
		return color.NRGBA{}
	}
	to8 := func(v float64) uint8 { return uint8(math.Round(clamp(v, 0, 1) * 255)) }
	return color.NRGBA{to8(p.r / p.a), to8(p.g / p.a), to8(p.b / p.a), to8(p.a)}
}

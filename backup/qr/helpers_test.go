package qr

import (
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/testkit"
)

// The images these tests scan are made by tools nobody here wrote:
// qrencode draws the codes, ImageMagick composes, rotates, scales, blurs
// and degrades them, zbarimg is a second reader for what we write.

// tool runs an external program and returns its stdout; stderr is shown
// on failure only (zbarimg chatters about D-Bus there).
func tool(t testing.TB, name string, args ...string) []byte {
	t.Helper()
	return testkit.Run(t, "", testkit.NeedTool(t, name), args...)
}

// qrencode writes text as a PNG code in dir and returns its path.
func qrencode(t testing.TB, dir, name, text string, args ...string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	tool(t, "qrencode", append(append([]string{"-o", p}, args...), text)...)
	return p
}

// magick runs ImageMagick's convert (or montage) and returns the output
// path, the last argument.
func magick(t testing.TB, prog string, args ...string) string {
	t.Helper()
	tool(t, prog, args...)
	return args[len(args)-1]
}

// uri is a realistic otpauth URI, different for each n.
func uri(n int) string {
	a := account(n)
	return core.FormatURI(&a)
}

func account(n int) core.Account {
	a := core.Account{
		Type:   core.TOTP,
		Issuer: fmt.Sprintf("Site %d", n),
		Name:   fmt.Sprintf("user%d@example.com", n),
		Secret: core.Secret(fmt.Sprintf("secret-%02d-0123456789", n)),
	}
	a.Defaults()
	return a
}

// texts returns the texts of contents, sorted, for comparing sets.
func texts(cs []Content) []string {
	out := make([]string, 0, len(cs))
	for _, c := range cs {
		switch c.Kind {
		case KindAccount:
			out = append(out, core.FormatURI(&c.Account))
		default:
			out = append(out, c.Summary())
		}
	}
	slices.Sort(out)
	return out
}

func sorted(s ...string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

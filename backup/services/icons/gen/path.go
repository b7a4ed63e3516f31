package main

import (
	"fmt"
	"strings"
)

// spacedPath rewrites an SVG path so that every number stands apart and
// every group of arguments has its own command letter: simple-icons
// minifies arcs to "a1 1 0 00-.5.5", running the two flags into the next
// number, and repeats commands implicitly, both of which Fyne's SVG
// reader misreads (the icon vanishes or comes out wrong). The drawing is
// unchanged.
func spacedPath(d string) (string, error) {
	var out []string
	var cmd byte
	arg := 0 // index of the next argument within the command's group
	for i := 0; i < len(d); {
		c := d[i]
		switch {
		case c == ' ' || c == ',' || c == '\t' || c == '\n' || c == '\r':
			i++
		case strings.IndexByte("MmLlHhVvCcSsQqTtAaZz", c) >= 0:
			cmd, arg = c, 0
			out = append(out, string(c))
			i++
		case cmd == 0 || argCount[cmd] == 0:
			return "", fmt.Errorf("number after %q at %d", max(cmd, ' '), i)
		case arg > 0 && arg%argCount[cmd] == 0 && repeat(&cmd, &out):
			arg = 0
		case (cmd == 'a' || cmd == 'A') && (arg%7 == 3 || arg%7 == 4):
			if c != '0' && c != '1' {
				return "", fmt.Errorf("arc flag %q at %d", c, i)
			}
			out = append(out, string(c))
			i++
			arg++
		default:
			n := number(d[i:])
			if n == 0 {
				return "", fmt.Errorf("unexpected %q at %d", c, i)
			}
			out = append(out, d[i:i+n])
			i += n
			arg++
		}
	}
	return strings.Join(out, " "), nil
}

// argCount is how many numbers one group of each command takes.
var argCount = map[byte]int{'M': 2, 'm': 2, 'L': 2, 'l': 2, 'T': 2, 't': 2, 'H': 1, 'h': 1, 'V': 1, 'v': 1,
	'C': 6, 'c': 6, 'S': 4, 's': 4, 'Q': 4, 'q': 4, 'A': 7, 'a': 7, 'Z': 0, 'z': 0}

// repeat writes the command letter again before a further group of its
// arguments (after a moveto, a lineto); it always reports true, for use
// in a switch case.
func repeat(cmd *byte, out *[]string) bool {
	switch *cmd {
	case 'M':
		*cmd = 'L'
	case 'm':
		*cmd = 'l'
	}
	*out = append(*out, string(*cmd))
	return true
}

// number is the length of the SVG number at the start of s, 0 if none.
func number(s string) int {
	i := 0
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		i++
	}
	digits := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i, digits = i+1, digits+1
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i, digits = i+1, digits+1
		}
	}
	if digits == 0 {
		return 0
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '-' || s[j] == '+') {
			j++
		}
		if j < len(s) && s[j] >= '0' && s[j] <= '9' {
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			i = j
		}
	}
	return i
}

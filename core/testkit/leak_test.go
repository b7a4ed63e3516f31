package testkit

import "testing"

func TestLeak(t *testing.T) {
	const key = "FBMM-Y4VY-EC4H-ZADN-C6ZE-EGGK-B5ET-N6GN"
	for _, tc := range []struct {
		text, want string
	}{
		{"recipient is neither an age key", ""},
		{"recipient \"FBMM-Y4VY-EC4H-ZADN-C6\"… is neither", "FBMM"},
		{"near b5et here", "B5ET"},
		{"4vyec4hz", "EC4H"},
		{"x " + key, key},
	} {
		if got := Leak(tc.text, key); got != tc.want {
			t.Errorf("Leak(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
	// A secret without groups: any 8 characters in a row.
	if got := Leak("…4vyec4hz…", "FBMMY4VYEC4HZADN"); got != "4VYEC4HZ" {
		t.Errorf("8 in a row: %q", got)
	}
	if got := Leak("4vyec4h", "FBMMY4VYEC4HZADN"); got != "" {
		t.Errorf("7 in a row counted: %q", got)
	}
}

package main

import "testing"

func TestSpacedPath(t *testing.T) {
	for in, want := range map[string]string{
		"M20.317 4.3698a19.79 19.79 0 00-4.88-1.51.07.07 0 00-.078.037z": "M 20.317 4.3698 a 19.79 19.79 0 0 0 -4.88 -1.51 a .07 .07 0 0 0 -.078 .037 z",
		"M0 0h24v24H0z":        "M 0 0 h 24 v 24 H 0 z",
		"M1.5.5l1e-3-2E+1":     "M 1.5 .5 l 1e-3 -2E+1",
		"m1 1a1 1 0 1 1 2 2":   "m 1 1 a 1 1 0 1 1 2 2",
		"M1 2 3 4 5 6m1 1 2 2": "M 1 2 L 3 4 L 5 6 m 1 1 l 2 2",
		"h1 2v3":               "h 1 h 2 v 3",
	} {
		if got, err := spacedPath(in); err != nil || got != want {
			t.Errorf("spacedPath(%q) = %q, %v\nwant %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"10 10", "M1 1a1 1 0 2 0 1 1", "M1 1 x", "M1 1z 2"} {
		if _, err := spacedPath(bad); err == nil {
			t.Errorf("spacedPath(%q) accepted it", bad)
		}
	}
}

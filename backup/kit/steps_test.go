package kit_test

import (
	"os"
	"strings"
	"testing"

	"github.com/lifelineauth/lifeline/backup/kit"
)

// words collapses pdftotext's line breaks and hyphen-free wraps so a
// sentence can be looked for whole.
func words(s string) string { return strings.Join(strings.Fields(s), " ") }

// The kit's page 1 tells the same restore steps as the README, names the
// window's buttons, words the key's letters so nobody looks for an I, L
// or O in it, and says where the backups off this computer are — or, in
// the warning panel, that there is none and how to make one.
func TestCoverSteps(t *testing.T) {
	doc, rk := fixture(t)
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	two := []kit.Copy{
		{Path: "/home/alice/Dropbox/Lifeline", What: "Automatic backups, synced by Dropbox (/home/alice/Dropbox/.dropbox)."},
		{Path: "/media/alice/USB STICK/lifeline-2026-05-04.age", What: "The backup exported on 2026-05-04, on another drive than the vault (a separate filesystem)."},
	}
	cases := []struct {
		name   string
		page   kit.Page
		copies []kit.Copy
	}{
		{"no copy off the computer", kit.A4, nil},
		{"no copy off the computer, letter", kit.Letter, nil},
		{"a synced folder", kit.A4, two[:1]},
		{"two copies, letter", kit.Letter, two},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pdf, _ := write(t, doc, rk, kit.Options{Now: kitTime, Page: c.page, Copies: c.copies})
			raw := pdfText(t, pdf)
			// Page 1 holds all of it, down to the format's address.
			if first, _, _ := strings.Cut(raw, "\f"); !strings.Contains(first, kit.FormatURL) {
				t.Errorf("page 1 overflows: the format's address is not on it")
			}
			text := words(raw)
			for i, step := range kit.RestoreSteps {
				if !strings.Contains(text, words(step)) {
					t.Errorf("the kit lacks step %d %q", i+1, step)
				}
				if !strings.Contains(words(string(readme)), words(step)) {
					t.Errorf("README lacks the kit's step %d %q", i+1, step)
				}
			}
			for _, w := range []string{kit.RestoreButton, kit.ScanButton, "uses no I, L or O"} {
				if !strings.Contains(text, w) {
					t.Errorf("the kit lacks %q", w)
				}
			}
			if strings.Contains(text, "may be typed as") {
				t.Error("the kit still says I, L and O may be typed")
			}
			warned := strings.Contains(text, words(kit.NoCopyWarning))
			if warned != (len(c.copies) == 0) {
				t.Errorf("no-backup warning printed = %v with %d copies", warned, len(c.copies))
			}
			for _, cp := range c.copies {
				if !strings.Contains(text, cp.Path) || !strings.Contains(text, cp.What) {
					t.Errorf("the kit lacks the copy %q (%q)", cp.Path, cp.What)
				}
			}
		})
	}
}

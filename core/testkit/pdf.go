package testkit

import (
	"errors"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// PDFPages renders each page of the PDF file into a PNG at 150 dpi with
// pdftoppm, as a person's scanner or screen would see it, and returns the
// files in page order (pdftoppm pads the numbers, so they sort).
func PDFPages(t testing.TB, pdf string) []string {
	t.Helper()
	prefix := filepath.Join(TempDir(t), "page")
	if out, err := exec.Command(NeedTool(t, "pdftoppm"), "-r", "150", "-png", pdf, prefix).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	pages, _ := filepath.Glob(prefix + "-*.png")
	sort.Strings(pages)
	return pages
}

// PDFText is pdftotext's reading of the PDF file, laid out as printed.
func PDFText(t testing.TB, pdf string) string {
	t.Helper()
	return string(Run(t, "", NeedTool(t, "pdftotext"), "-layout", pdf, "-"))
}

// ZBar reads every QR code in a PNG with zbarimg, one text per code; nil
// when there is none.
func ZBar(t testing.TB, png string) []string {
	t.Helper()
	out, err := exec.Command(NeedTool(t, "zbarimg"), "-q", "--raw", "-Sdisable", "-Sqrcode.enable", png).Output()
	if ee := (*exec.ExitError)(nil); errors.As(err, &ee) && ee.ExitCode() == 4 {
		return nil // zbarimg found no code
	} else if err != nil {
		t.Fatalf("zbarimg %s: %v", png, err)
	}
	if s := strings.TrimRight(string(out), "\n"); s != "" {
		return strings.Split(s, "\n")
	}
	return nil
}

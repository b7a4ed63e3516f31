package qr

import (
	"image"
)

// ScanImage reads every QR code in img and classifies it. An image with
// no code returns ErrNoCode; one over MaxPixels a *TooLargeError; one
// where no code was read and too many finder-like patterns stopped the
// search a *TooManyPatternsError. The window passes pasted and dropped
// images here.
func ScanImage(img image.Image) ([]Content, error) {
	if err := checkPixels(img.Bounds().Dx(), img.Bounds().Dy()); err != nil {
		return nil, err
	}
	texts, err := readTexts(img)
	if err != nil {
		return nil, err
	}
	return classifyAll(texts)
}

// ScanBytes decodes image file bytes (PNG, JPEG, GIF, BMP, WebP) within
// the limits and scans them; a PDF (the Recovery Kit as saved) has the
// QR codes drawn on its pages read (pdf.go).
func ScanBytes(b []byte) ([]Content, error) {
	if isPDF(b) {
		return scanPDF(b)
	}
	img, err := DecodeImage(b)
	if err != nil {
		return nil, err
	}
	return ScanImage(img)
}

// ScanFile reads an image file (or a PDF, as ScanBytes) within the
// limits and scans it.
func ScanFile(path string) ([]Content, error) {
	b, err := readLimited(path)
	if err != nil {
		return nil, err
	}
	return ScanBytes(b)
}

// FileExtensions name the files ScanFile reads, for a file picker.
var FileExtensions = []string{".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp", ".pdf"}

func classifyAll(texts []string) ([]Content, error) {
	if len(texts) == 0 {
		return nil, ErrNoCode
	}
	out := make([]Content, len(texts))
	for i, t := range texts {
		out[i] = Classify(t)
	}
	return out, nil
}

// Package qr reads QR codes from images and the screen and writes them:
// otpauth URIs per account and Google Authenticator migration batches.
// What a code holds is sorted by Classify; the batches of a migration are
// gathered by a Collector. Like all of backup/, it never imports Fyne: the
// window drives it with images, file bytes or a screen capture.
package qr

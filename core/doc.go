// Package core is Lifeline's domain: accounts, their codes, the otpauth and
// Google-migration formats. It never imports Fyne; the vault lives in
// core/vault and code generation in core/otp.
package core

// Package apps holds other authenticators' formats. It reads the export and
// backup files of other apps (Aegis, 2FAS, andOTP, Authy, FreeOTP, Google and
// Microsoft Authenticator, ...) into Lifeline accounts, and writes the
// formats people take to another app: an Aegis vault and a plain otpauth
// list.
//
// Detect recognises a file from its content; Import reads it, asking for a
// password through a callback only when the file turns out to be encrypted.
// An import is all or nothing: on any error no account is returned. Entries
// that were read but that Lifeline cannot hold (an unsupported type, digits
// out of range) are listed in Result.Skipped with the reason.
package apps

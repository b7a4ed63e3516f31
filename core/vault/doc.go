// Package vault keeps Lifeline's accounts in an age-encrypted file that opens
// with any of three keys: the password, the recovery key, or the system
// keyring. docs/FORMAT.md describes the files so that anyone can read them
// without Lifeline.
//
// A vault is a directory (0700) holding:
//
//	vault.age      the Document as JSON, encrypted to two age X25519
//	               recipients: the vault identity and the recovery key's;
//	               it keeps the recovery key only sealed to the password
//	               identity
//	lifeline.json  public metadata (Meta), no secrets, never trusted for
//	               whom to encrypt to
//	password.age   the vault identity and the password identity, encrypted
//	               with the password (scrypt)
//	.lock          locked by whichever process is writing
//
// The keyring, when enabled, holds the vault identity only: it opens and
// saves the vault but never yields the recovery key. A password change
// replaces the vault identity (password.go).
package vault

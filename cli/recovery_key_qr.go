package cli

import (
	"fmt"
	"strings"

	"github.com/lifelineauth/lifeline/backup/kit"
	"github.com/lifelineauth/lifeline/backup/qr"
	"github.com/lifelineauth/lifeline/core/vault"
)

// keyQRHint says where the key's QR code is, for --recovery-key-qr.
const keyQRHint = "photograph or scan page 1 of your Recovery Kit, where the QR code is beside the key, or type the key into a file for --recovery-key-file (" + kit.KeyTyping + ")"

// hasRecoveryKey reports whether the recovery key was given, in a file or
// as a picture of the kit's QR code.
func (c *cli) hasRecoveryKey() bool { return c.recoveryKeyFile != "" || c.recoveryKeyQR != "" }

// readRecoveryKeyQR reads the recovery key from the QR code in the image
// at path (--recovery-key-qr): the kit's, as the window's "Scan the kit's
// QR code" reads it.
func readRecoveryKeyQR(path string) (vault.RecoveryKey, error) {
	cs, err := qr.ScanFile(path)
	if err != nil {
		return vault.RecoveryKey{}, withHint(fmt.Errorf("cannot read a recovery key from %s: %w", path, err), keyQRHint)
	}
	if rk, ok := qr.RecoveryKeyIn(cs); ok {
		return rk, nil
	}
	what := make([]string, len(cs))
	for i, c := range cs {
		what[i] = c.Summary()
	}
	return vault.RecoveryKey{}, withHint(fmt.Errorf("no Lifeline recovery key in the QR codes of %s (found: %s)", path, strings.Join(what, "; ")), keyQRHint)
}

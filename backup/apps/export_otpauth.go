package apps

import (
	"bytes"

	"github.com/lifelineauth/lifeline/core"
)

// ExportOTPAuthList writes one otpauth URI per line (core.FormatURI), the
// plain list most authenticator apps import. It is not encrypted: whoever
// reads the file has every secret; callers warn before writing it. Entries
// that keep only recovery codes have no URI and are left out (callers say
// so: core.SplitCodesOnly).
func ExportOTPAuthList(accounts []core.Account) []byte {
	var b bytes.Buffer
	accounts, _ = core.SplitCodesOnly(accounts)
	for i := range accounts {
		b.WriteString(core.FormatURI(&accounts[i]))
		b.WriteByte('\n')
	}
	return b.Bytes()
}

package apps

import (
	"errors"
	"path"
	"strings"
)

// Authenticator Plus's "Export as Text and HTML" is a password-protected
// ZIP (ZipCrypto, zipcrypto.go) holding Accounts.txt, a list of otpauth
// URIs, beside an HTML copy that is not read. (Its other backup, a SQLCipher
// database, is not read: no pure-Go library opens SQLCipher.)
const authPlusEntry = "Accounts.txt"

func readAuthPlus(data []byte, pw *passwordSource, out *results) error {
	names, z, err := zipEntryNames(data)
	if err != nil {
		return damaged("%v", err)
	}
	for _, f := range z.File {
		if !strings.EqualFold(path.Base(f.Name), authPlusEntry) {
			continue
		}
		pass := ""
		if f.Flags&zipFlagEncrypted != 0 {
			if pass, err = pw.get(); err != nil {
				return err
			}
		}
		text, err := readZipEntry(f, pass)
		if errors.Is(err, errZipPassword) {
			return wrongPassword("%s does not decrypt with it", authPlusEntry)
		}
		if err != nil {
			return err
		}
		accounts, err := parseURIList(text)
		if err != nil {
			return err
		}
		for _, a := range accounts {
			out.add(a)
		}
		return nil
	}
	return damaged("the ZIP holds no %s (it holds %s)", authPlusEntry, strings.Join(names, ", "))
}

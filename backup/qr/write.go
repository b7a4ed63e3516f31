package qr

import (
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	qrcode "github.com/skip2/go-qrcode"

	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/otp"
)

// Image is one QR code to show or save: a PNG, a title for the window
// and a file name. The PNG holds secrets; the title and name do not.
type Image struct {
	Title string // "GitHub: alice", "Batch 2 of 3 (10 accounts)"
	Name  string // suggested file name, e.g. "01-GitHub-alice.png"
	PNG   []byte
}

// targetSide is the smallest side in pixels we aim for: big enough for a
// phone camera across a room, with whole pixels per module (a fixed size
// with fractional modules blurs edges).
const targetSide = 512

// PNG draws text as a QR code: medium error correction (a smudge or a
// reflection may hide 15%), low if the text is too long for medium, and
// a four-module quiet zone.
func PNG(text string) ([]byte, error) {
	q, err := qrcode.New(text, qrcode.Medium)
	if err != nil {
		q, err = qrcode.New(text, qrcode.Low)
	}
	if err != nil {
		return nil, fmt.Errorf("cannot draw a QR code of %d characters: %w", len(text), err)
	}
	modules := len(q.Bitmap())
	perModule := max(4, (targetSide+modules-1)/modules)
	return q.PNG(-perModule)
}

// AccountImage is one account's otpauth URI as a QR code, for moving it to
// a phone (core.FormatURI: a Yandex or mOTP PIN is included).
func AccountImage(a *core.Account, n int) (Image, error) {
	if err := a.NeedSecret(); err != nil {
		return Image{}, err
	}
	png, err := PNG(core.FormatURI(a))
	if err != nil {
		return Image{}, fmt.Errorf("%s: %w", a.Label(), err)
	}
	return Image{Title: titleOf(a), Name: fmt.Sprintf("%02d-%s.png", n, fileSafe(a.Label())), PNG: png}, nil
}

// AccountImages makes one image per account, numbered from 1.
func AccountImages(accounts []core.Account) ([]Image, error) {
	out := make([]Image, 0, len(accounts))
	for i := range accounts {
		img, err := AccountImage(&accounts[i], i+1)
		if err != nil {
			return nil, err
		}
		out = append(out, img)
	}
	return out, nil
}

// MigrationExport is a Google Authenticator export of many accounts:
// Batches (≤ core.MigrationBatchMax accounts each, numbered "1 of n", to
// be shown one after another), and, for the accounts that format cannot
// carry (Steam, Yandex, mOTP, periods other than 30 s, 7, 9 or 10 digits,
// SHA-224/384), one otpauth code each in Singles. Skipped lists those
// accounts so the window can name them.
type MigrationExport struct {
	Batches []Image
	Singles []Image
	Skipped []core.Account
}

// MigrationImages makes a migration export with a fresh random batch id,
// as Google Authenticator does, so a phone can tell two exports apart.
//
// Entries that keep only recovery codes are left out: they have nothing to
// scan (callers say so: core.SplitCodesOnly).
func MigrationImages(accounts []core.Account) (MigrationExport, error) {
	accounts, _ = core.SplitCodesOnly(accounts)
	var id [4]byte
	if _, err := rand.Read(id[:]); err != nil {
		return MigrationExport{}, err
	}
	// Positive, as Google Authenticator's ids are; some readers treat the
	// int32 as unsigned.
	uris, skipped, err := core.FormatMigrationURIs(accounts, int(binary.BigEndian.Uint32(id[:])&0x7fffffff))
	if err != nil {
		return MigrationExport{}, err
	}
	var ex MigrationExport
	carried := len(accounts) - len(skipped)
	for i, uri := range uris {
		png, err := PNG(uri)
		if err != nil {
			return MigrationExport{}, fmt.Errorf("migration batch %d of %d: %w", i+1, len(uris), err)
		}
		n := min(core.MigrationBatchMax, carried-i*core.MigrationBatchMax)
		ex.Batches = append(ex.Batches, Image{
			Title: fmt.Sprintf("Batch %d of %d (%s)", i+1, len(uris), plural(n, "account")),
			Name:  fmt.Sprintf("migration-%d-of-%d.png", i+1, len(uris)),
			PNG:   png,
		})
	}
	ex.Skipped = skipped
	for i := range skipped {
		img, err := AccountImage(&skipped[i], i+1)
		if err != nil {
			return MigrationExport{}, err
		}
		ex.Singles = append(ex.Singles, img)
	}
	return ex, nil
}

// WhyNotMigratable says in a few words why core.FormatMigrationURIs
// skipped an account, for the list the window and the CLI show. The
// reasons mirror what Google Authenticator's format can carry.
func WhyNotMigratable(a *core.Account) string {
	switch {
	case a.Type != core.TOTP && a.Type != core.HOTP:
		return a.Type.Name() + " accounts are not in the format"
	case a.Type == core.TOTP && a.Period != 30:
		return fmt.Sprintf("a %d-second period; the format has only 30", a.Period)
	case a.Digits != 6 && a.Digits != 8:
		return fmt.Sprintf("%d digits; the format has only 6 or 8", a.Digits)
	case a.Algorithm == otp.SHA224 || a.Algorithm == otp.SHA384:
		return a.Algorithm.String() + " is not in the format"
	}
	return "the format cannot hold it"
}

func titleOf(a *core.Account) string {
	if a.Issuer != "" && a.Name != "" {
		return a.Issuer + ": " + a.Name
	}
	return a.Label()
}

// fileSafe keeps letters, digits, '.', '_' and '-' of a label, so a file
// name works on every system, and caps its length.
func fileSafe(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range s {
		ok := unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '_'
		switch {
		case ok:
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
		if b.Len() >= 60 {
			break
		}
	}
	out := strings.Trim(b.String(), "-.")
	if out == "" {
		return "account"
	}
	return out
}

// ErrExists says WriteImages would overwrite a file; it never does.
var ErrExists = errors.New("file already exists")

// WriteImages saves images in dir (created 0700 if missing) with
// WriteImage. It returns the paths written, also on error.
func WriteImages(dir string, imgs []Image) ([]string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("cannot create %s: %w", dir, err)
	}
	var written []string
	for _, img := range imgs {
		p := filepath.Join(dir, img.Name)
		if err := WriteImage(p, img); err != nil {
			return written, err
		}
		written = append(written, p)
	}
	return written, nil
}

// WriteImage saves one image at path as a file readable by the owner only
// (0600), since it holds secrets. An existing file is never overwritten
// (ErrExists): an old code next to a new one is how a phone gets a stale
// secret. A file it could not finish is removed.
func WriteImage(path string, img Image) error {
	err := backup.WriteNewFile(path, img.PNG) // atomic, fsynced, 0600
	if errors.Is(err, backup.ErrExists) {
		return fmt.Errorf("%w: %s", ErrExists, path)
	}
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	return nil
}

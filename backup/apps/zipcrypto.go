package apps

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash/crc32"
	"io"
)

// archive/zip reads ZIP structure but not encrypted entries, and no kept Go
// library decrypts them, so this is a hand-written decoder for the
// traditional PKWARE encryption ("ZipCrypto", APPNOTE.TXT 6.1), the one
// Authenticator Plus writes. WinZip AES entries (method 99) are refused.
const (
	zipFlagEncrypted  = 0x1
	zipFlagDescriptor = 0x8
	zipMethodAES      = 99
	zipCryptoHeader   = 12
	maxZipEntry       = 16 << 20 // a list of accounts is kilobytes
)

var errZipPassword = errors.New("zip password")

type zipKeys struct{ k0, k1, k2 uint32 }

func newZipKeys(password string) *zipKeys {
	k := &zipKeys{0x12345678, 0x23456789, 0x34567890}
	for i := 0; i < len(password); i++ {
		k.update(password[i])
	}
	return k
}

func crc32Byte(crc uint32, b byte) uint32 {
	return crc32.IEEETable[byte(crc)^b] ^ crc>>8
}

func (k *zipKeys) update(b byte) {
	k.k0 = crc32Byte(k.k0, b)
	k.k1 = (k.k1+k.k0&0xff)*134775813 + 1
	k.k2 = crc32Byte(k.k2, byte(k.k1>>24))
}

func (k *zipKeys) decrypt(buf []byte) {
	for i, c := range buf {
		t := uint16(k.k2 | 2)
		p := c ^ byte(t*(t^1)>>8)
		k.update(p)
		buf[i] = p
	}
}

// readZipEntry returns the content of one entry, decrypting it with
// password if it is encrypted. A wrong password is errZipPassword: the
// header check byte did not match, or (1 time in 256 it does) the CRC.
func readZipEntry(f *zip.File, password string) ([]byte, error) {
	if f.Method == zipMethodAES {
		return nil, unsupported("%s is encrypted with WinZip AES, which this importer does not read (Authenticator Plus writes ZipCrypto)", f.Name)
	}
	if f.UncompressedSize64 > maxZipEntry {
		return nil, damaged("%s is %d bytes, more than a list of accounts", f.Name, f.UncompressedSize64)
	}
	raw, err := f.OpenRaw()
	if err != nil {
		return nil, damaged("%s: %v", f.Name, err)
	}
	body, err := io.ReadAll(io.LimitReader(raw, maxZipEntry))
	if err != nil {
		return nil, damaged("%s: %v", f.Name, err)
	}
	if f.Flags&zipFlagEncrypted != 0 {
		if len(body) < zipCryptoHeader {
			return nil, damaged("%s is shorter than its encryption header", f.Name)
		}
		body = bytes.Clone(body)
		newZipKeys(password).decrypt(body)
		// The header's last byte is the CRC's high byte, or with a data
		// descriptor the high byte of the DOS modification time.
		check := byte(f.CRC32 >> 24)
		if f.Flags&zipFlagDescriptor != 0 {
			// ModifiedTime is deprecated for writers, but the raw DOS time
			// is exactly what the check byte was taken from.
			check = byte(f.ModifiedTime >> 8)
		}
		if body[zipCryptoHeader-1] != check {
			return nil, errZipPassword
		}
		body = body[zipCryptoHeader:]
	}
	var out []byte
	switch f.Method {
	case zip.Store:
		out = body
	case zip.Deflate:
		out, err = io.ReadAll(io.LimitReader(flate.NewReader(bytes.NewReader(body)), maxZipEntry+1))
		if err != nil && f.Flags&zipFlagEncrypted != 0 {
			return nil, errZipPassword
		}
		if err != nil {
			return nil, damaged("%s: %v", f.Name, err)
		}
	default:
		return nil, unsupported("%s is compressed with method %d", f.Name, f.Method)
	}
	if crc32.ChecksumIEEE(out) != f.CRC32 || uint64(len(out)) != f.UncompressedSize64 {
		if f.Flags&zipFlagEncrypted != 0 {
			return nil, errZipPassword
		}
		return nil, damaged("%s fails its CRC check", f.Name)
	}
	return out, nil
}

// zipEntryNames lists the names in a ZIP, for messages and Detect.
func zipEntryNames(data []byte) ([]string, *zip.Reader, error) {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, nil, err
	}
	names := make([]string, len(z.File))
	for i, f := range z.File {
		names[i] = f.Name
	}
	return names, z, nil
}

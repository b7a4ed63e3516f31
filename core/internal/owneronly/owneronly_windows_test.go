package owneronly

import (
	"os"
	"path/filepath"
	"testing"
	"unsafe"

	"golang.org/x/sys/windows"
)

// onlyOwner fails unless acl holds one entry, allowing the current user
// everything, with the inheritance flags wanted.
func onlyOwner(t *testing.T, what string, acl *windows.ACL, inherit uint8) {
	t.Helper()
	user, err := windows.GetCurrentProcessToken().GetTokenUser()
	if err != nil {
		t.Fatal(err)
	}
	if acl == nil || acl.AceCount != 1 {
		t.Fatalf("%s: want one entry (the owner's), got %+v", what, acl)
	}
	var ace *windows.ACCESS_ALLOWED_ACE
	if err := windows.GetAce(acl, 0, &ace); err != nil {
		t.Fatal(err)
	}
	// The SID starts at SidStart, as Windows lays an ACE out.
	sid := (*windows.SID)(unsafe.Pointer(&ace.SidStart))
	if ace.Header.AceType != windows.ACCESS_ALLOWED_ACE_TYPE || !sid.Equals(user.User.Sid) || ace.Header.AceFlags&inherit != inherit {
		t.Fatalf("%s: entry type %d for %s flags %#x; want allowed for %s with %#x", what, ace.Header.AceType, sid, ace.Header.AceFlags, user.User.Sid, inherit)
	}
}

// TestOwnerACL: what Dir applies is one entry for the current user, which
// every file and folder inside inherits.
func TestOwnerACL(t *testing.T) {
	acl, err := ownerACL()
	if err != nil {
		t.Fatal(err)
	}
	onlyOwner(t, "the ACL Dir applies", acl, windows.OBJECT_INHERIT_ACE|windows.CONTAINER_INHERIT_ACE)
}

// TestDir: on disk, the folder's DACL is protected and holds the owner's
// entry alone, and a file made inside inherits it. Wine keeps no DACLs on
// files (it derives them from Unix modes): there only Dir's success is
// checked, and TestOwnerACL checks what it applied.
func TestDir(t *testing.T) {
	// Not t.TempDir: its clean-up fails under Wine, which lacks
	// FileDispositionInformationEx; the folder is removed as far as it goes.
	tmp, err := os.MkdirTemp("", "owneronly")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(tmp) })
	dir := filepath.Join(tmp, "vault")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := Dir(dir); err != nil {
		t.Fatal(err)
	}
	if wine() {
		t.Skip("Wine keeps no DACLs on files")
	}
	file := filepath.Join(dir, "vault.age")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{dir, file} {
		sd, err := windows.GetNamedSecurityInfo(p, windows.SE_FILE_OBJECT, windows.DACL_SECURITY_INFORMATION)
		if err != nil {
			t.Fatal(err)
		}
		acl, _, err := sd.DACL()
		if err != nil {
			t.Fatal(err)
		}
		if p == dir {
			onlyOwner(t, p, acl, windows.OBJECT_INHERIT_ACE|windows.CONTAINER_INHERIT_ACE)
			if ctl, _, err := sd.Control(); err != nil || ctl&windows.SE_DACL_PROTECTED == 0 {
				t.Fatalf("%s: the DACL is not protected from the parent's (%v)", p, err)
			}
		} else {
			onlyOwner(t, p, acl, windows.INHERITED_ACE)
		}
	}
}

// wine reports whether this runs under Wine, whose ntdll has wine_get_version.
func wine() bool {
	return windows.NewLazySystemDLL("ntdll.dll").NewProc("wine_get_version").Find() == nil
}

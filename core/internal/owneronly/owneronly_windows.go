package owneronly

import (
	"fmt"

	"golang.org/x/sys/windows"
)

// Dir gives dir a protected DACL (nothing inherited from its parent) with
// one entry: full control for the user running Lifeline, inherited by every
// file and folder created inside it, so the vault's files, written there
// and renamed into place, are the owner's alone too.
func Dir(dir string) error {
	acl, err := ownerACL()
	if err != nil {
		return err
	}
	err = windows.SetNamedSecurityInfo(dir, windows.SE_FILE_OBJECT,
		windows.DACL_SECURITY_INFORMATION|windows.PROTECTED_DACL_SECURITY_INFORMATION, nil, nil, acl, nil)
	if err != nil {
		return fmt.Errorf("making %s readable by you alone: %w", dir, err)
	}
	return nil
}

// ownerACL is the one-entry ACL Dir applies.
func ownerACL() (*windows.ACL, error) {
	user, err := windows.GetCurrentProcessToken().GetTokenUser()
	if err != nil {
		return nil, fmt.Errorf("finding the current user: %w", err)
	}
	acl, err := windows.ACLFromEntries([]windows.EXPLICIT_ACCESS{{
		AccessPermissions: windows.GENERIC_ALL,
		AccessMode:        windows.SET_ACCESS,
		Inheritance:       windows.SUB_CONTAINERS_AND_OBJECTS_INHERIT,
		Trustee: windows.TRUSTEE{
			TrusteeForm:  windows.TRUSTEE_IS_SID,
			TrusteeType:  windows.TRUSTEE_IS_USER,
			TrusteeValue: windows.TrusteeValueFromSID(user.User.Sid),
		},
	}}, nil)
	if err != nil {
		return nil, fmt.Errorf("making an owner-only ACL: %w", err)
	}
	return acl, nil
}

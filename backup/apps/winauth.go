package apps

// readWinAuth reads WinAuth's export: a URI list whose labels hold the
// account's name where other apps have the issuer. As Aegis does, the
// label's name becomes the issuer and the name is "WinAuth".
func readWinAuth(data []byte, _ *passwordSource, out *results) error {
	accounts, err := parseURIList(data)
	if err != nil {
		return err
	}
	for _, a := range accounts {
		a.Issuer, a.Name = a.Name, "WinAuth"
		out.add(a)
	}
	return nil
}

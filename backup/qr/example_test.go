package qr_test

import (
	"fmt"

	"github.com/lifelineauth/lifeline/backup/qr"
	"github.com/lifelineauth/lifeline/core"
)

func ExampleClassify() {
	for _, text := range []string{
		"otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub",
		"WIFI:T:WPA;S:home;P:correct horse;;",
		"https://example.com/reset?token=abc",
	} {
		c := qr.Classify(text)
		fmt.Println(c.Kind == qr.KindAccount, c.Summary())
	}
	// Output:
	// true TOTP GitHub:alice
	// false other: Wi-Fi network settings
	// false other: a web address
}

func ExampleCollector() {
	var accounts []core.Account
	for _, issuer := range []string{"A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L"} {
		a := core.Account{Issuer: issuer, Name: "me", Secret: core.Secret(issuer + " secret")}
		a.Defaults()
		accounts = append(accounts, a)
	}
	uris, _, _ := core.FormatMigrationURIs(accounts, 7) // two codes: 10 + 2 accounts
	var c qr.Collector
	for _, u := range []string{uris[1], uris[1], uris[0]} { // last first, one twice
		p, _ := c.Add(qr.Classify(u).Batch)
		fmt.Println(p, p.Duplicate, p.Missing)
	}
	fmt.Println(c.Complete(), len(c.Accounts()))
	// Output:
	// 1 of 2 scanned false [1]
	// 1 of 2 scanned true [1]
	// 2 of 2 scanned false []
	// true 12
}

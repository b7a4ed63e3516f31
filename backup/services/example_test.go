package services_test

import (
	"fmt"

	"github.com/lifelineauth/lifeline/backup/services"
)

func ExampleMatch() {
	s, ok := services.Match("GitHub", "alice", "")
	fmt.Println(ok, s.Name, s.RecoveryCodes.Count, *s.Regenerable)
	fmt.Println(s.CheckCode("1a2b3-4c5d6"), s.CheckCode("12345678"))
	// Output:
	// true GitHub 16 true
	// true false
}

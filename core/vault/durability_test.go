package vault

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/testkit"
)

// durabilityChild opens the vault in $LIFELINE_DURABILITY_DIR with the
// recovery key read from stdin, then adds "n-<i>" and saves, over and over,
// printing "ack <i>" only after each Save returned.
func durabilityChild() error {
	line, err := bufio.NewReader(os.Stdin).ReadString('\n')
	if err != nil {
		return err
	}
	rk, err := ParseRecoveryKey(line)
	if err != nil {
		return err
	}
	start, err := strconv.Atoi(os.Getenv("LIFELINE_DURABILITY_START"))
	if err != nil {
		return err
	}
	v, err := OpenRecoveryKey(os.Getenv("LIFELINE_DURABILITY_DIR"), rk)
	if err != nil {
		return err
	}
	out := bufio.NewWriter(os.Stdout)
	for i := start; ; i++ {
		a := core.Account{Issuer: "Durability", Name: fmt.Sprintf("n-%d", i), Secret: testkit.RandomSecret(20)}
		if _, err := v.Doc.Add(a, time.Now()); err != nil {
			return err
		}
		if err := v.Save(time.Now()); err != nil {
			return err
		}
		fmt.Fprintf(out, "ack %d\n", i)
		if err := out.Flush(); err != nil {
			return err
		}
	}
}

// TestDurability kills a writing process at random instants. After every
// kill the vault must open, hold every account whose Save was acknowledged,
// not be locked, and lose any temp file at the next Save.
func TestDurability(t *testing.T) {
	iterations := 200
	if testing.Short() {
		iterations = 30
	}
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("LIFELINE_DURABILITY_SEED"); s != "" {
		seed, _ = strconv.ParseUint(s, 10, 64)
	}
	t.Logf("seed %d (set LIFELINE_DURABILITY_SEED to repeat)", seed)
	rnd := rand.New(rand.NewPCG(seed, seed))

	v, rk := newTestVault(t)
	dir := v.Dir
	acked := map[int]bool{}
	next, totalAcks, staleSeen := 0, 0, 0
	for it := range iterations {
		var stdout io.ReadCloser
		cmd := startHelper(t, func(cmd *exec.Cmd) (err error) {
			cmd.Stdin = strings.NewReader(rk.Reveal() + "\n")
			stdout, err = cmd.StdoutPipe()
			return err
		}, "durability", "LIFELINE_DURABILITY_DIR="+dir, "LIFELINE_DURABILITY_START="+strconv.Itoa(next))
		acks := make(chan int, 1024)
		go func() {
			defer close(acks)
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				if n, err := strconv.Atoi(strings.TrimPrefix(sc.Text(), "ack ")); err == nil {
					acks <- n
				}
			}
		}()

		var got []int
		if rnd.IntN(2) == 0 {
			time.Sleep(time.Duration(rnd.IntN(30_000)) * time.Microsecond)
		} else {
			want := 1 + rnd.IntN(5)
			timeout := time.After(10 * time.Second)
		wait:
			for len(got) < want {
				select {
				case n, ok := <-acks:
					if !ok {
						break wait
					}
					got = append(got, n)
				case <-timeout:
					t.Fatalf("iteration %d: no ack in 10 s", it)
				}
			}
			time.Sleep(time.Duration(rnd.IntN(5_000)) * time.Microsecond)
		}
		cmd.Process.Kill() // SIGKILL on unix: no deferred code runs
		for n := range acks {
			got = append(got, n)
		}
		if err := cmd.Wait(); failedOnItsOwn(err) {
			t.Fatalf("iteration %d: child failed on its own (%v); see its stderr", it, err)
		}
		for _, n := range got {
			acked[n] = true
		}
		totalAcks += len(got)

		// The lock must be free right away: the kernel dropped the dead
		// process's flock.
		unlock, err := lock(dir)
		if err != nil {
			t.Fatalf("iteration %d: lock after kill: %v", it, err)
		}
		unlock()

		w, err := OpenRecoveryKey(dir, rk)
		if err != nil {
			t.Fatalf("iteration %d: open after kill: %v", it, err)
		}
		names := map[string]bool{}
		for _, a := range w.Doc.Accounts {
			names[a.Name] = true
			if n, err := strconv.Atoi(strings.TrimPrefix(a.Name, "n-")); err == nil && n >= next {
				next = n + 1 // saved but maybe not acked: never reuse the name
			}
		}
		for n := range acked {
			if !names[fmt.Sprintf("n-%d", n)] {
				t.Fatalf("iteration %d: acked account n-%d is missing after kill", it, n)
			}
		}

		if countTemps(t, dir) > 0 {
			staleSeen++
		}
		if err := w.Save(time.Now()); err != nil {
			t.Fatalf("iteration %d: Save after kill: %v", it, err)
		}
		if n := countTemps(t, dir); n != 0 {
			t.Fatalf("iteration %d: %d temp files left after Save", it, n)
		}
	}
	if totalAcks == 0 {
		t.Fatal("no Save was ever acknowledged: the test exercised nothing")
	}
	t.Logf("%d kills, %d acknowledged saves, %d kills left a temp file (removed by the next Save)", iterations, totalAcks, staleSeen)
}

func countTemps(t *testing.T, dir string) int {
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if isTempName(e.Name()) {
			n++
		}
	}
	return n
}

package apps

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	_ "modernc.org/sqlite" // pure-Go SQLite (no cgo), driver "sqlite"
)

var sqliteMagic = []byte("SQLite format 3\x00")

// sqliteDB is an in-memory copy of an app's SQLite database. The file's
// bytes go to SQLite's sqlite3_deserialize, so secrets never touch a
// temporary file, and one connection holds the copy throughout.
type sqliteDB struct {
	db   *sql.DB
	conn *sql.Conn
}

func openSQLite(data []byte) (*sqliteDB, error) {
	if !bytes.HasPrefix(data, sqliteMagic) {
		return nil, damaged("not an SQLite database")
	}
	if len(data) < 100 {
		return nil, damaged("SQLite file of %d bytes is shorter than its header", len(data))
	}
	buf := bytes.Clone(data)
	// A database copied from a phone is often in WAL mode (header bytes 18
	// and 19 = 2); an in-memory copy cannot be, so mark it rollback mode.
	// Only the main file was copied anyway: what the -wal file held is lost.
	buf[18], buf[19] = 1, 1
	db, err := sql.Open("sqlite", "file::memory:")
	if err != nil {
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	db.SetMaxOpenConns(1)
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	d := &sqliteDB{db: db, conn: conn}
	err = conn.Raw(func(c any) error {
		des, ok := c.(interface{ Deserialize([]byte) error })
		if !ok {
			return errors.New("the SQLite driver cannot load a database from memory")
		}
		return des.Deserialize(buf)
	})
	if err == nil {
		_, err = conn.ExecContext(ctx, "PRAGMA query_only = 1")
	}
	if err == nil {
		_, err = d.tables()
	}
	if err != nil {
		d.Close()
		var e *Error
		if errors.As(err, &e) {
			return nil, err
		}
		return nil, damaged("SQLite: %v", err)
	}
	return d, nil
}

func (d *sqliteDB) Close() {
	d.conn.Close()
	d.db.Close()
}

// tables lists the database's tables, which is also the first read of the
// schema and so the first place a damaged file shows.
func (d *sqliteDB) tables() ([]string, error) {
	var names []string
	err := d.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", func(r *sql.Rows) error {
		var n string
		if err := r.Scan(&n); err != nil {
			return err
		}
		names = append(names, n)
		return nil
	})
	return names, err
}

// columns lists a table's columns in lower case.
func (d *sqliteDB) columns(table string) (map[string]bool, error) {
	cols := map[string]bool{}
	err := d.query("SELECT name FROM pragma_table_info(?)", func(r *sql.Rows) error {
		var n string
		if err := r.Scan(&n); err != nil {
			return err
		}
		cols[strings.ToLower(n)] = true
		return nil
	}, table)
	return cols, err
}

// query runs q and calls each for every row; SQLite's errors (a damaged
// page shows only when it is read) come back as ErrDamaged.
func (d *sqliteDB) query(q string, each func(*sql.Rows) error, args ...any) error {
	rows, err := d.conn.QueryContext(context.Background(), q, args...)
	if err != nil {
		return damaged("SQLite: %v", err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := each(rows); err != nil {
			var e *Error
			if errors.As(err, &e) {
				return err
			}
			return damaged("SQLite: %v", err)
		}
	}
	if err := rows.Err(); err != nil {
		return damaged("SQLite: %v", err)
	}
	return nil
}

// hasTable reports whether the database has a table named name.
// openAccounts opens a phone app's database whose accounts table must have
// the columns named in need, and returns the table's columns; app names
// the database in the error.
func openAccounts(data []byte, app string, need ...string) (*sqliteDB, map[string]bool, error) {
	db, err := openSQLite(data)
	if err != nil {
		return nil, nil, err
	}
	cols, err := db.columns("accounts")
	if err == nil {
		for _, c := range need {
			if !cols[c] {
				err = damaged("accounts table has no %s column: not a %s database", c, app)
				break
			}
		}
	}
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	return db, cols, nil
}

func hasTable(tables []string, name string) bool {
	for _, t := range tables {
		if strings.EqualFold(t, name) {
			return true
		}
	}
	return false
}

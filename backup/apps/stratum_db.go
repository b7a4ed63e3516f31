package apps

import (
	"database/sql"
)

// readStratumDB reads Stratum's internal database (databases/authenticator.db3
// on a rooted phone): table authenticator with the same fields as the JSON
// backup, and categories in category / authenticatorcategory.
func readStratumDB(data []byte, out *results) error {
	db, err := openSQLite(data)
	if err != nil {
		return err
	}
	defer db.Close()
	tables, err := db.tables()
	if err != nil {
		return err
	}
	if !hasTable(tables, "authenticator") {
		return damaged("no authenticator table: not a Stratum database")
	}
	groups := map[string][]string{}
	if hasTable(tables, "category") && hasTable(tables, "authenticatorcategory") {
		err := db.query(`SELECT ac.authenticatorSecret, c.name FROM authenticatorcategory ac
			JOIN category c ON c.id = ac.categoryId ORDER BY ac.ranking`, func(r *sql.Rows) error {
			var secret, name sql.NullString
			if err := r.Scan(&secret, &name); err != nil {
				return err
			}
			groups[secret.String] = append(groups[secret.String], name.String)
			return nil
		})
		if err != nil {
			return err
		}
	}
	i := 0
	return db.query(`SELECT type, issuer, username, secret, algorithm, digits, period, counter
		FROM authenticator ORDER BY ranking`, func(r *sql.Rows) error {
		var typ, algo, digits, period, counter sql.NullInt64
		var issuer, username, secret sql.NullString
		if err := r.Scan(&typ, &issuer, &username, &secret, &algo, &digits, &period, &counter); err != nil {
			return err
		}
		s := stratumAuth{
			Type: int(typ.Int64), Issuer: issuer.String, Secret: secret.String, Algorithm: int(algo.Int64),
			Digits: int(digits.Int64), Period: int(period.Int64), Counter: uint64(max(counter.Int64, 0)),
		}
		err := stratumAdd(out, i, s, username.String, groups[secret.String])
		i++
		return err
	})
}

#!/bin/bash
# Write overhead of IMMEDIATE maintenance, Trickle beside pg_ivm (issue 21). A benchmark, not a test.
#
#   docs/bench/immediate-overhead.sh JDBC_URL ROWS [PCT] [CYCLES] [SCENARIOS...]
#
# Three identical copies of orders (ROWS rows) and customers (ROWS/100): plain, one with a Trickle
# IMMEDIATE stream table, one with a pg_ivm IMMV (when the server has pg_ivm). Each cycle applies the
# same change to every copy in a transaction of its own — PCT % of the rows: 70 % updated, 15 %
# deleted, 15 % inserted, one statement each — and times it; then 100 single-row statements, each in
# its own transaction (the OLTP case). Overhead per changed row = (time − plain time) / rows changed.
# Every cycle checks both views against their query (oracle). Medians of cycles ≥ 2.
# Needs psql and the engine jar (JAR, default engine/target/trickle.jar).
set -euo pipefail
URL=$1; ROWS=$2; PCT=${3:-1}; CYCLES=${4:-4}; shift $(( $# < 4 ? $# : 4 ))
SCENARIOS=${*:-scan filter aggregate join join_aggregate join_unindexed}
JAR=${JAR:-engine/target/trickle.jar}
PGURL=$(echo "$URL" | sed -E 's#^jdbc:postgresql://([^/]+)/([^?]+)\?user=([^&]+)&password=([^&]+).*#postgresql://\3:\4@\1/\2#')
CUSTS=$(( ROWS / 100 > 10 ? ROWS / 100 : 10 ))
sql() { psql -qAtX "$PGURL" -v ON_ERROR_STOP=1 "$@"; }
trickle() { java -jar "$JAR" --url "$URL" "$@"; }
IVM=$(sql -c "SELECT count(*) FROM pg_extension WHERE extname = 'pg_ivm'")

declare -A Q
Q[scan]="SELECT id, cust_id, amount, status FROM ord_%s"
Q[filter]="SELECT id, cust_id, amount FROM ord_%s WHERE status = 'open' AND amount > 50"
Q[aggregate]="SELECT cust_id, count(*) AS orders, sum(amount) AS total FROM ord_%s GROUP BY cust_id"
Q[join]="SELECT o.id, c.id AS cust_id, c.region, o.amount FROM ord_%s o JOIN cust_%s c ON c.id = o.cust_id"
Q[join_aggregate]="SELECT c.region, count(*) AS orders, sum(o.amount) AS total FROM ord_%s o JOIN cust_%s c ON c.id = o.cust_id GROUP BY c.region"
# No key of the join in the select list: pg_ivm cannot give its IMMV a unique index.
Q[join_unindexed]="SELECT c.region, o.amount, o.status FROM ord_%s o JOIN cust_%s c ON c.id = o.cust_id"
q() { echo "${Q[$1]//%s/$2}"; }

trickle install >/dev/null 2>&1
for copy in p t i; do
  sql <<SQL
DROP TABLE IF EXISTS ord_$copy, cust_$copy CASCADE;
CREATE TABLE cust_$copy (id bigint PRIMARY KEY, region text NOT NULL, name text);
INSERT INTO cust_$copy SELECT i, (ARRAY['eu','us','apac','latam'])[1 + i % 4], 'c' || i FROM generate_series(1, $CUSTS) i;
CREATE TABLE ord_$copy (id bigint PRIMARY KEY, cust_id bigint NOT NULL, amount numeric(12,2), status text, note text);
INSERT INTO ord_$copy SELECT i, 1 + (i * 7919) % $CUSTS, (i % 1000) / 10.0, CASE WHEN i % 3 = 0 THEN 'open' ELSE 'done' END, 'n'
  FROM generate_series(1, $ROWS) i;
CREATE INDEX ON ord_$copy (cust_id);
ANALYZE ord_$copy; ANALYZE cust_$copy;
SQL
done

N=$(( ROWS * PCT / 100 )); U=$(( N * 70 / 100 )); D=$(( N * 15 / 100 )); I=$(( N - U - D ))
NEXT=$(( ROWS + 1 ))
# One cycle's change to copy $1, timed in ms (the statements and the commit).
change() {
  local copy=$1 c=$2 lo=$(( ($2 * 7919) % (ROWS - N) + 1 ))
  sql <<SQL | grep -E '^Time:' | awk '{s += $2} END {printf "%.1f", s}'
\timing on
BEGIN;
UPDATE ord_$copy SET amount = amount + 1, status = CASE WHEN status = 'open' THEN 'done' ELSE 'open' END WHERE id BETWEEN $lo AND $(( lo + U - 1 ));
DELETE FROM ord_$copy WHERE id BETWEEN $(( lo + U )) AND $(( lo + U + D - 1 ));
INSERT INTO ord_$copy SELECT i, 1 + (i * 31) % $CUSTS, (i % 500) / 10.0, 'open', 'n' FROM generate_series($NEXT, $(( NEXT + I - 1 ))) i;
COMMIT;
SQL
}
# 100 single-row statements on copy $1, each its own transaction, timed in ms.
oltp() {
  local copy=$1 c=$2
  { echo '\timing on'; for k in $(seq 1 100); do
      id=$(( ((c * 100 + k) * 104729) % ROWS + 1 ))
      echo "UPDATE ord_$copy SET amount = amount + 1 WHERE id = $id;"; done; } \
    | sql | grep -E '^Time:' | awk '{s += $2} END {printf "%.1f", s}'
}
diff_rows() { sql -c "SELECT count(*) FROM (($2 EXCEPT ALL $3) UNION ALL ($3 EXCEPT ALL $2)) x"; }

echo "scenario,rows,pct,cycle,changed,plain_ms,trickle_ms,ivm_ms,trickle_us_per_row,ivm_us_per_row,oltp_plain_ms,oltp_trickle_ms,oltp_ivm_ms,oracle"
for s in $SCENARIOS; do
  trickle create "imm_$s" --mode IMMEDIATE --query "$(q "$s" t)" >/dev/null 2>&1 \
    || trickle create "imm_$s" --mode IMMEDIATE --query "$(q "$s" t)" >/dev/null  # once more after a concurrent catalog change
  ivm=none
  if [ "$IVM" = 1 ]; then
    if sql -c "SELECT pgivm.create_immv('ivm_$s', \$q\$$(q "$s" i)\$q\$)" >/dev/null 2>&1; then ivm=yes; fi
  fi
  for c in $(seq 1 "$CYCLES"); do
    # Every copy gets the same changes (the pg_ivm copy too when it has no IMMV), so they stay alike.
    p=$(change p "$c"); t=$(change t "$c"); i=$(change i "$c")
    op=$(oltp p "$c"); ot=$(oltp t "$c"); oi=$(oltp i "$c")
    if [ "$ivm" != yes ]; then i=-; oi=-; fi
    NEXT=$(( NEXT + I ))
    cols=$(sql -c "SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) FROM pg_attribute WHERE attrelid = 'imm_$s'::regclass AND attnum > 0 AND NOT attisdropped AND attname NOT LIKE '\_\_pgt\_%'")
    bad=$(diff_rows x "SELECT $cols FROM imm_$s" "SELECT $cols FROM ($(q "$s" t)) q")
    [ "$ivm" = yes ] && bad="$bad/$(diff_rows x "SELECT $cols FROM ivm_$s" "SELECT $cols FROM ($(q "$s" i)) q")"
    tu=$(awk -v a="$t" -v b="$p" -v n="$N" 'BEGIN {printf "%.1f", (a - b) * 1000 / n}')
    iu=-; [ "$ivm" = yes ] && iu=$(awk -v a="$i" -v b="$p" -v n="$N" 'BEGIN {printf "%.1f", (a - b) * 1000 / n}')
    echo "$s,$ROWS,$PCT,$c,$N,$p,$t,$i,$tu,$iu,$op,$ot,$oi,$bad"
  done
  trickle drop "imm_$s" >/dev/null 2>&1
  [ "$ivm" = yes ] && sql -c "DROP TABLE ivm_$s" >/dev/null
done

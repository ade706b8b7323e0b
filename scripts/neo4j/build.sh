#!/usr/bin/env bash
# Builds the embedded Neo4j launcher: target/govkg-neo4j.jar + target/lib/*.jar.
# Idempotent: skipped when the jar is newer than pom.xml and every source file.
# Needs only Java 17 and Maven 3.8 (downloads into ~/.m2 on first run).
set -euo pipefail
cd "$(dirname "$0")"
JAR=target/govkg-neo4j.jar
if [ -f "$JAR" ] && [ -d target/lib ] && [ -z "$(find pom.xml build.sh src -newer "$JAR" -print -quit)" ]; then
  echo "neo4j launcher up to date: $PWD/$JAR"
  exit 0
fi
command -v java >/dev/null || { echo "build.sh: java (17) not found" >&2; exit 1; }
command -v mvn >/dev/null || { echo "build.sh: mvn (Maven 3.8+) not found" >&2; exit 1; }
rm -rf target/lib
mvn -q -B -Dstyle.color=never package -DskipTests
touch "$JAR"
echo "built $PWD/$JAR ($(ls target/lib | wc -l) dependency jars)"

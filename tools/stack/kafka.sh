#!/usr/bin/env bash
# A single-node Kafka broker in KRaft mode (broker + controller in one JVM), run from the
# Apache Kafka jars on Maven Central: there is no tarball download on these machines.
# Sourced by stack.sh.

KAFKA_HOME="$CACHE/kafka-$KAFKA_VERSION"

kafka_install() {
  [[ -f "$KAFKA_HOME/.complete" ]] && return 0
  command -v java >/dev/null || apt_install openjdk-17-jre-headless
  command -v mvn >/dev/null || apt_install maven
  say "fetching Kafka $KAFKA_VERSION jars from Maven Central (cold: 1-2 min)"
  mkdir -p "$KAFKA_HOME"
  sed "s/@KAFKA_VERSION@/$KAFKA_VERSION/" "$STACK_TOOLS/kafka/pom.xml" > "$KAFKA_HOME/pom.xml"
  rm -rf "$KAFKA_HOME/libs"
  mvn -B -q -Dstyle.color=never -f "$KAFKA_HOME/pom.xml" -Dmaven.repo.local="$CACHE/m2" \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
    -DoutputDirectory="$KAFKA_HOME/libs" -DincludeScope=runtime >&2 \
    || die "Maven could not fetch the Kafka $KAFKA_VERSION jars (output above)"
  cp "$STACK_TOOLS/kafka/log4j.properties" "$KAFKA_HOME/log4j.properties"
  touch "$KAFKA_HOME/.complete"
  say "Kafka jars ready ($(ls "$KAFKA_HOME/libs" | wc -l) jars)"
}

KAFKA_JVM=(-Xms256m -Xmx768m -XX:+UseG1GC -Djava.awt.headless=true)
kafka_java() { java "${KAFKA_JVM[@]}" "-Dlog4j.configuration=file:$KAFKA_HOME/log4j.properties" -cp "$KAFKA_HOME/libs/*" "$@"; }

kafka_ready() { grep -q 'Kafka Server started' "$STATE/logs/kafka.log" && port_in_use "$KAFKA_PORT"; }

kafka_start() {
  kafka_install
  local conf="$STATE/kafka/server.properties" data="$STATE/data/kafka"
  mkdir -p "$STATE/kafka" "$data"
  sed -e "s#@KAFKA_PORT@#$KAFKA_PORT#g" -e "s#@CONTROLLER_PORT@#$KAFKA_CONTROLLER_PORT#g" -e "s#@DATA@#$data#g" \
    "$STACK_TOOLS/kafka/server.properties" > "$conf"
  if [[ ! -f "$data/meta.properties" ]]; then
    say "formatting the Kafka KRaft storage"
    kafka_java kafka.tools.StorageTool format -t "$(kafka_java kafka.tools.StorageTool random-uuid | tail -n 1)" \
      -c "$conf" --ignore-formatted >"$STATE/logs/kafka-format.log" 2>&1 || die "formatting Kafka storage failed (.stack/logs/kafka-format.log)"
  fi
  start_bg kafka "$KAFKA_PORT" java "${KAFKA_JVM[@]}" \
    "-Dlog4j.configuration=file:$KAFKA_HOME/log4j.properties" -cp "$KAFKA_HOME/libs/*" kafka.Kafka "$conf"
  wait_until kafka 120 kafka_ready
}

kafka_status() {
  if is_running kafka && port_in_use "$KAFKA_PORT"; then echo "kafka          up    127.0.0.1:$KAFKA_PORT (KRaft, $KAFKA_VERSION)"; else echo "kafka          down"; return 1; fi
}

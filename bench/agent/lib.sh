# Shared by ship.sh and e2e.sh: the distribution's jars, test certificates, small measurements.
# shellcheck shell=bash

# Builds the distribution and copies its jars to $1/lib (other builds of the tree must not change them
# under a long run); prints the classpath.
vigil_dist() {
  mvn -B -q -o -DskipTests package -pl cli -am >&2
  rm -rf "$1/lib" && mkdir -p "$1/lib" && cp cli/target/vigil.jar cli/target/lib/*.jar "$1/lib/"
  echo "$1/lib/*"
}

# A private CA and a server certificate for localhost / 127.0.0.1 under $1 (ca.pem, server.pem, server.key).
make_pki() {
  [ -f "$1/ca.pem" ] && return
  mkdir -p "$1"
  (cd "$1"
   openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 30 -subj "/CN=bench CA" 2>/dev/null
   openssl req -newkey rsa:2048 -nodes -keyout server.rsa -out server.csr -subj "/CN=localhost" 2>/dev/null
   printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' > san.ext
   openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 30 \
     -extfile san.ext 2>/dev/null
   openssl pkcs8 -topk8 -nocrypt -in server.rsa -out server.key)
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# user+sys CPU seconds of a process
cpu_of() { awk '{print ($14+$15)/100}' "/proc/$1/stat"; }
# peak resident set, MiB
rss_of() { awk '/VmHWM/ {print int($2/1024)}' "/proc/$1/status"; }
median() { python3 -c 'import sys,statistics; print(round(statistics.median(float(x) for x in sys.argv[1:]),2))' "$@"; }
now() { date +%s.%N; }

#!/usr/bin/env python3
"""Issue 3 point 7: Debian 12's stock rules plus the lab's legacy selector examples and its forwarder
(`*.* @@central:514`, here a local TCP sink that counts and hashes what it receives), 1,000,000 TCP
messages spread over all 24 facilities x 8 severities, rsyslogd and Vigil side by side (same
rsyslog.conf), RUNS times each. Completion: the final catch-all file and the sink have every message (or
nothing moved for 5 s). After each pair of runs every output file and the forwarded stream are compared
between the two servers, line count and a hash of each line: they must hold the same lines, byte for byte
(in any order: rsyslogd's default main queue, unlike Vigil's, does not keep input order).
CPU time is the server's (user+sys of its process group, /proc), reported per message: the steadier
figure on a shared machine.

usage: lab_rules.py VIGIL_CMD [--runs N] [--count N]   (VIGIL_CMD with {config}, as bench.sh's -c)
"""
import argparse, hashlib, json, os, shlex, signal, socket, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))


def find_gen_c():
    """The shared load generator: $GEN_C, or shared/tools/rsyslog-oracle/gen.c beside a parent folder."""
    if os.environ.get("GEN_C"):
        return os.environ["GEN_C"]
    d = HERE
    while d != os.path.dirname(d):
        d = os.path.dirname(d)
        c = os.path.join(d, "shared", "tools", "rsyslog-oracle", "gen.c")
        if os.path.exists(c):
            return c
    sys.exit("needs shared/tools/rsyslog-oracle/gen.c (set GEN_C)")


GEN_C = find_gen_c()
RULES = """\
*.*;auth,authpriv.none		-{o}/syslog
auth,authpriv.*			{o}/auth.log
cron.*				-{o}/cron.log
kern.*				-{o}/kern.log
mail.*				-{o}/mail.log
user.*				-{o}/user.log
*.info;mail.none;authpriv.none;cron.none		{o}/messages
user.err                        {o}/user-err.log
*.=crit;kern.none               {o}/critical
mail.*;mail.!=info              {o}/maillog
uucp,news.crit                  {o}/news
daemon.warn                     {o}/daemon-warn.log
local0,local1.=notice           {o}/local01-notice.log
*.*;*.!=debug                   {o}/all-but-debug.log
security.*                      {o}/security-alias.log
*.panic                         {o}/panic-alias.log
local7.*;local7.!crit           {o}/local7-below-crit.log
*.=debug;*.=info                {o}/debug-and-info.log
*.alert                         {o}/alert.log
*.*                             @@127.0.0.1:{sink}
*.*                             -{o}/zz-catchall.log
"""
# the central server the forwarder sends to: counts LF-framed messages and sums a hash of each (the same
# for the same lines in any order: rsyslogd's default main queue does not keep input order)
SINK = r"""
import os, socket, sys, threading
srv = socket.socket()
srv.bind(("127.0.0.1", 0))
srv.listen(16)
print(srv.getsockname()[1], flush=True)
state, lock = [0, 0], threading.Lock()
def serve(c):
    rest = b""
    while True:
        b = c.recv(1 << 20)
        if not b:
            return
        lines = (rest + b).split(b"\n")
        rest = lines.pop()
        with lock:
            state[0] += len(lines)
            state[1] = (state[1] + sum(map(hash, lines))) & 0xFFFFFFFFFFFFFFFF
            with open(sys.argv[1] + ".tmp", "w") as f:
                f.write("%d %x" % tuple(state))
            os.replace(sys.argv[1] + ".tmp", sys.argv[1])
while True:
    c, _ = srv.accept()
    threading.Thread(target=serve, args=(c,), daemon=True).start()
"""
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def messages(path):
    lines = []
    for i in range(192 * 8):
        pri = i % 192
        head = "<%d>%s %2d %02d:%02d:%02d host%02d prog%d[%d]: " % (
            pri, MONTHS[i % 12], i % 28 + 1, i % 24, i % 60, (i * 7) % 60, i % 20, i % 9, 1000 + i)
        body = "seq=%06d facility %d severity %d " % (i, pri >> 3, pri & 7)
        lines.append(head + body + ("abcdefghijklmnopqrstuvwxyz" * 4)[:max(0, 120 - len(head) - len(body))])
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def count_lines(path):
    try:
        with open(path, "rb") as f:
            return sum(buf.count(b"\n") for buf in iter(lambda: f.read(1 << 20), b""))
    except FileNotFoundError:
        return 0


def summary(path):
    """(lines, order-independent hash of the lines) of a file."""
    n, h, rest = 0, 0, b""
    with open(path, "rb") as f:
        for buf in iter(lambda: f.read(1 << 20), b""):
            lines = (rest + buf).split(b"\n")
            rest = lines.pop()
            n += len(lines)
            h = (h + sum(map(hash, lines))) & 0xFFFFFFFFFFFFFFFF
    return n, "%x" % h


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def sink_state(path):
    try:
        with open(path) as f:
            n, h = f.read().split()
            return int(n), h
    except (OSError, ValueError):
        return 0, None


def cpu_seconds(pids):
    t = 0
    for p in pids:
        try:
            with open("/proc/%d/stat" % p) as f:
                fields = f.read().rsplit(")", 1)[1].split()
            t += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, IndexError):
            pass
    return t


def group_pids(pgid):
    out = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                if os.getpgid(int(d)) == pgid:
                    out.append(int(d))
            except OSError:
                pass
    return out


def run(cmd, work, count, gen, msgfile):
    out = os.path.join(work, "out")
    subprocess.run(["rm", "-rf", work])
    os.makedirs(out)
    sink_file = os.path.join(work, "sink.state")
    sink = subprocess.Popen([sys.executable, "-c", SINK, sink_file], stdout=subprocess.PIPE, text=True,
                            env=dict(os.environ, PYTHONHASHSEED="0"))
    sink_port = int(sink.stdout.readline())
    port = free_port()
    conf = os.path.join(work, "rsyslog.conf")
    with open(conf, "w") as f:
        f.write("$WorkDirectory %s\n$ModLoad imtcp\n$InputTCPServerRun %d\n" % (work, port)
                + RULES.format(o=out, sink=sink_port))
    p = subprocess.Popen(cmd.format(config=conf, workdir=work), shell=True, start_new_session=True,
                         stdout=open(os.path.join(work, "server.log"), "w"), stderr=subprocess.STDOUT)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    cpu0 = cpu_seconds(group_pids(p.pid))
    t0 = time.time()
    subprocess.run([gen, "127.0.0.1", str(port), "tcp", str(count), msgfile], stdout=subprocess.DEVNULL)
    last, last_change = None, time.time()
    while True:
        n = count_lines(os.path.join(out, "zz-catchall.log"))
        fwd = sink_state(sink_file)[0]
        if n >= count and fwd >= count:
            break
        if (n, fwd) != last:
            last, last_change = (n, fwd), time.time()
        elif time.time() - last_change > 5:
            break
        time.sleep(0.02)
    elapsed = time.time() - t0
    cpu = cpu_seconds(group_pids(p.pid)) - cpu0
    os.killpg(p.pid, signal.SIGTERM)
    p.wait(timeout=60)
    time.sleep(0.2)
    forwarded, fwd_hash = sink_state(sink_file)
    sink.kill()
    sink.wait()
    files = {f: summary(os.path.join(out, f)) for f in sorted(os.listdir(out))}
    files["@@forward"] = (forwarded, fwd_hash)
    lost = count - min(n, forwarded)
    return {"msgs_per_sec": n / elapsed, "written": n, "forwarded": forwarded, "lost": lost, "cpu": cpu,
            "files": files}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("vigil_cmd")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--count", type=int, default=1000000)
    ap.add_argument("--only", choices=["vigil", "rsyslogd"], help="run one server alone (e.g. to profile it)")
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="vigil-lab-bench.")
    gen = os.path.join(tmp, "gen")
    subprocess.run(["gcc", "-O2", "-o", gen, GEN_C], check=True)
    msgfile = os.path.join(tmp, "messages.txt")
    messages(msgfile)
    rsyslog = "exec rsyslogd -n -f {config} -i {workdir}/rsyslogd.pid"
    res = {"rsyslogd": [], "vigil": []}
    if a.only:
        for i in range(a.runs):
            r = run(a.vigil_cmd if a.only == "vigil" else rsyslog, os.path.join(tmp, a.only), a.count, gen, msgfile)
            print("%s: %.0f msg/s (lost %d, CPU %.2fs = %.2f us/msg)" % (a.only, r["msgs_per_sec"], r["lost"], r["cpu"],
                                                                       r["cpu"] * 1e6 / a.count), flush=True)
        return
    for i in range(a.runs):
        r = run(rsyslog, os.path.join(tmp, "rsyslog"), a.count, gen, msgfile)
        v = run(a.vigil_cmd, os.path.join(tmp, "vigil"), a.count, gen, msgfile)
        res["rsyslogd"].append(r)
        res["vigil"].append(v)
        same = r["files"] == v["files"]
        print("run %d (load %.1f): rsyslogd %.0f msg/s (lost %d, CPU %.2fs = %.2f us/msg)  "
              "vigil %.0f msg/s (lost %d, CPU %.2fs = %.2f us/msg)  same lines in every file and the forward: %s"
              % (i + 1, os.getloadavg()[0], r["msgs_per_sec"], r["lost"], r["cpu"], r["cpu"] * 1e6 / a.count,
                 v["msgs_per_sec"], v["lost"], v["cpu"], v["cpu"] * 1e6 / a.count, same), flush=True)
        if not same:
            for f in sorted(set(r["files"]) | set(v["files"])):
                if r["files"].get(f) != v["files"].get(f):
                    print("  %s: rsyslogd %s, vigil %s" % (f, r["files"].get(f), v["files"].get(f)))
    m = {k: statistics.median(x["msgs_per_sec"] for x in res[k]) for k in res}
    c = {k: statistics.median(x["cpu"] for x in res[k]) * 1e6 / a.count for k in res}
    print("median msg/s: rsyslogd %.0f, vigil %.0f, ratio vigil/rsyslogd %.2f" % (m["rsyslogd"], m["vigil"],
                                                                              m["vigil"] / m["rsyslogd"]))
    print("median CPU us/msg: rsyslogd %.2f, vigil %.2f, ratio rsyslogd/vigil %.2f (> 1: vigil uses less)"
          % (c["rsyslogd"], c["vigil"], c["rsyslogd"] / c["vigil"]))
    print("output (last run):", json.dumps({k: v[0] for k, v in res["vigil"][-1]["files"].items()}))


if __name__ == "__main__":
    main()

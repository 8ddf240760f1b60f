#!/usr/bin/env python3
"""Issue 3 point 7: Debian 12's stock rules plus the lab's legacy selector examples, 1,000,000 TCP messages
spread over all 24 facilities x 8 severities, rsyslogd and Vigil side by side (same rsyslog.conf), RUNS
times each. Completion is detected with a final catch-all file; after each pair of runs the line count
of every output file is compared between the two servers (they must write the same lines).

usage: lab_rules.py VIGIL_CMD [--runs N] [--count N]   (VIGIL_CMD with {config}, as bench.sh's -c)
"""
import argparse, json, os, shlex, signal, socket, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
GEN_C = os.path.join(HERE, "..", "..", "..", "shared", "tools", "rsyslog-oracle", "gen.c")
PORT = 15515
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
*.*                             -{o}/zz-catchall.log
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
    conf = os.path.join(work, "rsyslog.conf")
    with open(conf, "w") as f:
        f.write("$WorkDirectory %s\n$ModLoad imtcp\n$InputTCPServerRun %d\n" % (work, PORT) + RULES.format(o=out))
    p = subprocess.Popen(cmd.format(config=conf, workdir=work), shell=True, start_new_session=True,
                         stdout=open(os.path.join(work, "server.log"), "w"), stderr=subprocess.STDOUT)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", PORT), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    cpu0 = cpu_seconds(group_pids(p.pid))
    t0 = time.time()
    subprocess.run([gen, "127.0.0.1", str(PORT), "tcp", str(count), msgfile], stdout=subprocess.DEVNULL)
    last, last_change = -1, time.time()
    while True:
        n = count_lines(os.path.join(out, "zz-catchall.log"))
        if n >= count:
            break
        if n != last:
            last, last_change = n, time.time()
        elif time.time() - last_change > 5:
            break
        time.sleep(0.02)
    elapsed = time.time() - t0
    cpu = cpu_seconds(group_pids(p.pid)) - cpu0
    os.killpg(p.pid, signal.SIGTERM)
    p.wait(timeout=60)
    files = {f: count_lines(os.path.join(out, f)) for f in sorted(os.listdir(out))}
    return {"msgs_per_sec": n / elapsed, "written": n, "lost": count - n, "cpu": cpu, "files": files}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("vigil_cmd")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--count", type=int, default=1000000)
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="vigil-lab-bench.")
    gen = os.path.join(tmp, "gen")
    subprocess.run(["gcc", "-O2", "-o", gen, GEN_C], check=True)
    msgfile = os.path.join(tmp, "messages.txt")
    messages(msgfile)
    rsyslog = "exec rsyslogd -n -f {config} -i {workdir}/rsyslogd.pid"
    res = {"rsyslogd": [], "vigil": []}
    for i in range(a.runs):
        r = run(rsyslog, os.path.join(tmp, "rsyslog"), a.count, gen, msgfile)
        v = run(a.vigil_cmd, os.path.join(tmp, "vigil"), a.count, gen, msgfile)
        res["rsyslogd"].append(r)
        res["vigil"].append(v)
        same = r["files"] == v["files"]
        print("run %d: rsyslogd %.0f msg/s (lost %d, CPU %.2fs)  vigil %.0f msg/s (lost %d, CPU %.2fs)  "
              "same files and line counts: %s" % (i + 1, r["msgs_per_sec"], r["lost"], r["cpu"], v["msgs_per_sec"],
                                                  v["lost"], v["cpu"], same), flush=True)
        if not same:
            print("  rsyslogd:", r["files"], "\n  vigil:   ", v["files"])
    m = {k: statistics.median(x["msgs_per_sec"] for x in res[k]) for k in res}
    print("median msg/s: rsyslogd %.0f, vigil %.0f, ratio vigil/rsyslogd %.2f" % (m["rsyslogd"], m["vigil"],
                                                                              m["vigil"] / m["rsyslogd"]))
    print("output files (last run):", json.dumps(res["vigil"][-1]["files"]))


if __name__ == "__main__":
    main()

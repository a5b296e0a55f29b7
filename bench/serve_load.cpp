// redress_serve_load: a load generator for `redress serve` over loopback. Keep-alive
// connections, driven by a few epoll threads, send one request after another (closed loop) or
// at a fixed total rate (open loop, latency measured from when each request was due), and
// report requests/s, decisions/s and latency percentiles. Optionally PUTs a policy every
// --reload-ms and checks that every decision names a policy that was put in force.
//
//   redress_serve_load --port P [--connections 32] [--threads 2] [--seconds 10] [--rate R]
//                      [--path /v1/decide] [--content-type T] [--body FILE] [--lines-per-body N]
//                      [--reload-policy A.yaml --reload-policy B.yaml --token T --reload-ms 100]
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <mutex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Args {
  std::uint16_t port = 8181;
  int connections = 32;
  int threads = 2;
  double seconds = 10;
  double rate = 0;  // requests/s in all; 0: as fast as answered
  std::string path = "/v1/decide";
  std::string content_type = "application/json";
  std::string body_file;
  int lines_per_body = 1;  // decisions a response carries (batch)
  std::vector<std::string> reload_policies;
  std::string token;
  int reload_ms = 100;
};

std::string read_whole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

int connect_to(std::uint16_t port, bool nonblocking) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd < 0 || ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    throw std::runtime_error(std::string("cannot connect: ") + std::strerror(errno));
  }
  const int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  if (nonblocking) ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  return fd;
}

// The status and body of one whole response at the start of `in`, or false if not all there.
bool take_response(std::string& in, int& status, std::string& body) {
  const auto end = in.find("\r\n\r\n");
  if (end == std::string::npos) return false;
  std::size_t length = 0;
  const auto cl = in.find("Content-Length: ");
  if (cl != std::string::npos && cl < end)
    length = std::strtoull(in.c_str() + cl + 16, nullptr, 10);
  if (in.size() < end + 4 + length) return false;
  status = std::atoi(in.c_str() + 9);
  body.assign(in, end + 4, length);
  in.erase(0, end + 4 + length);
  return true;
}

// The policy hashes named in a response body: one per decision.
void collect_hashes(const std::string& body, std::set<std::string>& out) {
  static const std::string key = "\"policy\":{\"id\":";
  std::size_t at = 0;
  while ((at = body.find(key, at)) != std::string::npos) {
    const auto hash = body.find("\"hash\":\"", at);
    if (hash == std::string::npos) break;
    const auto end = body.find('"', hash + 8);
    out.insert(body.substr(hash + 8, end - hash - 8));
    at = end;
  }
}

struct Connection {
  int fd = -1;
  std::string in;
  std::size_t sent = 0;
  bool waiting = false;
  Clock::time_point due;  // when the request in flight was due (open loop) or sent
};

struct Totals {
  std::mutex mutex;
  std::vector<double> latencies;  // seconds
  std::uint64_t ok = 0, failed = 0;
  std::set<std::string> hashes;
};

void drive(const Args& args, const std::string& request, int first, int count,
           Clock::time_point start, Clock::time_point stop, Totals& totals) {
  const int ep = ::epoll_create1(EPOLL_CLOEXEC);
  std::vector<Connection> connections(static_cast<std::size_t>(count));
  const auto interval = args.rate > 0
                            ? std::chrono::duration_cast<Clock::duration>(
                                  std::chrono::duration<double>(args.connections / args.rate))
                            : Clock::duration::zero();
  for (int i = 0; i < count; ++i) {
    auto& c = connections[static_cast<std::size_t>(i)];
    c.fd = connect_to(args.port, true);
    // Spread the connections' schedules over one interval.
    c.due = start + interval * (first + i) / args.connections;
    epoll_event event{};
    event.events = EPOLLIN | EPOLLOUT | EPOLLET;
    event.data.u32 = static_cast<std::uint32_t>(i);
    ::epoll_ctl(ep, EPOLL_CTL_ADD, c.fd, &event);
  }
  std::vector<double> latencies;
  std::uint64_t ok = 0, failed = 0;
  std::set<std::string> hashes;
  std::string body;
  auto pump = [&](Connection& c) {
    for (;;) {
      if (!c.waiting) {
        const auto now = Clock::now();
        if (now >= stop || now < c.due) return;
        if (args.rate <= 0) c.due = now;
        c.waiting = true;
        c.sent = 0;
      }
      while (c.sent < request.size()) {
        const auto n = ::send(c.fd, request.data() + c.sent, request.size() - c.sent, MSG_NOSIGNAL);
        if (n < 0) return;  // EAGAIN: EPOLLOUT comes back
        c.sent += static_cast<std::size_t>(n);
      }
      char chunk[65536];
      for (;;) {
        const auto n = ::recv(c.fd, chunk, sizeof chunk, 0);
        if (n <= 0) break;
        c.in.append(chunk, static_cast<std::size_t>(n));
      }
      int status = 0;
      if (!take_response(c.in, status, body)) return;
      latencies.push_back(std::chrono::duration<double>(Clock::now() - c.due).count());
      if (status == 200) {
        ++ok;
        if (!args.reload_policies.empty()) collect_hashes(body, hashes);
      } else {
        ++failed;
      }
      c.waiting = false;
      c.due += interval;
    }
  };
  epoll_event events[64];
  while (Clock::now() < stop) {
    const int n = ::epoll_wait(ep, events, 64, 1);
    for (int i = 0; i < n; ++i) pump(connections[events[i].data.u32]);
    for (auto& c : connections) {
      if (!c.waiting) pump(c);  // due by the clock, not by an event
    }
  }
  for (auto& c : connections) ::close(c.fd);
  ::close(ep);
  const std::lock_guard lock(totals.mutex);
  totals.latencies.insert(totals.latencies.end(), latencies.begin(), latencies.end());
  totals.ok += ok;
  totals.failed += failed;
  totals.hashes.insert(hashes.begin(), hashes.end());
}

// PUTs the policies in turn every reload_ms until `stop`; returns the hashes put in force.
std::set<std::string> reload_loop(const Args& args, Clock::time_point stop, int& reloads,
                                  int& refused) {
  std::vector<std::string> texts;
  for (const auto& path : args.reload_policies) texts.push_back(read_whole(path));
  std::set<std::string> in_force;
  const int fd = connect_to(args.port, false);
  std::string in, body;
  for (std::size_t i = 0; Clock::now() < stop; ++i) {
    const auto& text = texts[i % texts.size()];
    const std::string request =
        "PUT /v1/policy HTTP/1.1\r\nHost: x\r\nContent-Type: "
        "application/yaml\r\nAuthorization: Bearer " +
        args.token + "\r\nContent-Length: " + std::to_string(text.size()) + "\r\n\r\n" + text;
    ::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
    int status = 0;
    char chunk[65536];
    while (!take_response(in, status, body)) {
      const auto n = ::recv(fd, chunk, sizeof chunk, 0);
      if (n <= 0) throw std::runtime_error("the server closed the reload connection");
      in.append(chunk, static_cast<std::size_t>(n));
    }
    if (status == 200) {
      ++reloads;
      const auto hash = body.find("\"hash\":\"");
      in_force.insert(body.substr(hash + 8, body.find('"', hash + 8) - hash - 8));
    } else {
      ++refused;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(args.reload_ms));
  }
  ::close(fd);
  return in_force;
}

Args parse(int argc, char** argv) {
  Args args;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (i + 1 >= argc) throw std::runtime_error("missing value after " + flag);
    const std::string value = argv[++i];
    if (flag == "--port")
      args.port = static_cast<std::uint16_t>(std::stoi(value));
    else if (flag == "--connections")
      args.connections = std::stoi(value);
    else if (flag == "--threads")
      args.threads = std::stoi(value);
    else if (flag == "--seconds")
      args.seconds = std::stod(value);
    else if (flag == "--rate")
      args.rate = std::stod(value);
    else if (flag == "--path")
      args.path = value;
    else if (flag == "--content-type")
      args.content_type = value;
    else if (flag == "--body")
      args.body_file = value;
    else if (flag == "--lines-per-body")
      args.lines_per_body = std::stoi(value);
    else if (flag == "--reload-policy")
      args.reload_policies.push_back(value);
    else if (flag == "--token")
      args.token = value;
    else if (flag == "--reload-ms")
      args.reload_ms = std::stoi(value);
    else
      throw std::runtime_error("unknown option " + flag);
  }
  if (args.body_file.empty()) throw std::runtime_error("--body FILE is required");
  args.threads = std::clamp(args.threads, 1, args.connections);
  return args;
}

double percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const auto index = static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1));
  return sorted[index];
}

}  // namespace

int main(int argc, char** argv) try {
  const Args args = parse(argc, argv);
  const std::string body = read_whole(args.body_file);
  const std::string request =
      "POST " + args.path + " HTTP/1.1\r\nHost: x\r\nContent-Type: " + args.content_type +
      "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  Totals totals;
  const auto start = Clock::now() + std::chrono::milliseconds(50);
  const auto stop = start + std::chrono::duration_cast<Clock::duration>(
                                std::chrono::duration<double>(args.seconds));
  std::vector<std::thread> threads;
  for (int t = 0; t < args.threads; ++t) {
    const int first = args.connections * t / args.threads;
    const int count = args.connections * (t + 1) / args.threads - first;
    threads.emplace_back(
        [&, first, count] { drive(args, request, first, count, start, stop, totals); });
  }
  int reloads = 0, refused = 0;
  std::set<std::string> in_force;
  if (!args.reload_policies.empty()) in_force = reload_loop(args, stop, reloads, refused);
  for (auto& t : threads) t.join();

  std::sort(totals.latencies.begin(), totals.latencies.end());
  const double seconds = args.seconds;
  const auto requests = static_cast<double>(totals.ok + totals.failed);
  std::printf("%s, %d connections, %d client threads, %.0f s%s\n", args.path.c_str(),
              args.connections, args.threads, seconds,
              args.rate > 0
                  ? (", offered " + std::to_string(static_cast<long>(args.rate)) + " req/s").c_str()
                  : ", closed loop");
  std::printf("requests: %.0f/s (%llu ok, %llu failed); decisions: %.0f/s\n", requests / seconds,
              static_cast<unsigned long long>(totals.ok),
              static_cast<unsigned long long>(totals.failed),
              static_cast<double>(totals.ok) * args.lines_per_body / seconds);
  std::printf("latency ms: p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f\n",
              1e3 * percentile(totals.latencies, 0.50), 1e3 * percentile(totals.latencies, 0.90),
              1e3 * percentile(totals.latencies, 0.99), 1e3 * percentile(totals.latencies, 0.999),
              1e3 * (totals.latencies.empty() ? 0 : totals.latencies.back()));
  int exit_code = totals.failed == 0 ? 0 : 1;
  if (!args.reload_policies.empty()) {
    // The first policy may have been in force before the first PUT: it is the server's own.
    std::size_t stray = 0;
    for (const auto& hash : totals.hashes) stray += in_force.count(hash) == 0 ? 1 : 0;
    std::printf(
        "reloads: %d applied, %d refused; policies named by decisions: %zu, of which "
        "not put in force: %zu\n",
        reloads, refused, totals.hashes.size(), stray);
    if (refused > 0 || stray > 1) exit_code = 1;
  }
  return exit_code;
} catch (const std::exception& e) {
  std::cerr << "redress_serve_load: " << e.what() << "\n";
  return 2;
}

// SVG through Graphviz's `dot`: the DOT text on its standard input, the SVG on its output.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include "redress/graph/policy_graph.hpp"

extern char** environ;

namespace redress::graph {
namespace {

constexpr const char* kInstall = "install Graphviz (Debian: apt-get install graphviz), or use DOT";

}  // namespace

SvgResult to_svg(std::string_view dot) {
  int in[2], out[2];
  if (::pipe2(in, O_CLOEXEC) != 0) return {std::nullopt, std::strerror(errno)};
  if (::pipe2(out, O_CLOEXEC) != 0) {
    ::close(in[0]);
    ::close(in[1]);
    return {std::nullopt, std::strerror(errno)};
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  char arg0[] = "dot", arg1[] = "-Tsvg";
  char* argv[] = {arg0, arg1, nullptr};
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, "dot", &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(in[0]);
  ::close(out[1]);
  if (spawned != 0) {
    ::close(in[1]);
    ::close(out[0]);
    return {std::nullopt,
            fmt::format("cannot run Graphviz's dot: {}; {}", std::strerror(spawned), kInstall)};
  }
  // Write on a thread while reading here, so that neither pipe fills up and blocks dot.
  std::thread writer([fd = in[1], dot] {
    std::size_t done = 0;
    while (done < dot.size()) {
      const auto n = ::write(fd, dot.data() + done, dot.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      done += static_cast<std::size_t>(n);
    }
    ::close(fd);
  });
  std::string svg;
  char buffer[65536];
  for (;;) {
    const auto n = ::read(out[0], buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    svg.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(out[0]);
  writer.join();
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return {std::nullopt, code == 127
                              ? fmt::format("Graphviz's dot is not installed; {}", kInstall)
                              : fmt::format("Graphviz's dot failed (exit status {})", code)};
  }
  // Drop the XML declaration and doctype, so that the SVG can be inlined in HTML.
  const auto start = svg.find("<svg");
  if (start == std::string::npos) return {std::nullopt, "Graphviz's dot wrote no <svg>"};
  return {svg.substr(start), {}};
}

}  // namespace redress::graph

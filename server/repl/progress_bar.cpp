#include "server/repl/progress_bar.hpp"

#include <unistd.h>

#include <cstdio>
#include <string>

#include "engine/vector/index_registry.hpp"

namespace heliosdb::server {

ProgressBar::ProgressBar(storage::Store& store) : store_(store) {
  if (isatty(STDERR_FILENO) != 0) thread_ = std::thread([this] { watch(); });
}

ProgressBar::~ProgressBar() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  stop_signal_.notify_all();
  thread_.join();
  if (drew_) std::fputs("\r\033[K", stderr);  // the line goes before the statement's output
}

void ProgressBar::watch() {
  std::unique_lock lock(mutex_);
  while (!stop_signal_.wait_for(lock, std::chrono::milliseconds(250), [this] { return stop_; })) {
    auto builds = store_.attachment<engine::VectorIndexRegistry>().builds();
    if (builds.empty()) continue;
    const engine::BuildProgress& b = builds.front();
    std::string phase = b.phase;
    if (phase.rfind("building index: ", 0) == 0) phase = phase.substr(16);
    std::string line = "\rCREATE INDEX  " + phase;
    if (b.tuples_total > 0) {
      const int percent = static_cast<int>(100 * b.tuples_done / b.tuples_total);
      line += "  [" + std::string(static_cast<std::size_t>(percent / 5), '#') +
              std::string(static_cast<std::size_t>(20 - percent / 5), '.') + "]  " + std::to_string(percent) + "%";
    } else {
      line += "  " + std::to_string(b.tuples_done) + " rows";
    }
    std::fputs((line + "\033[K").c_str(), stderr);
    std::fflush(stderr);
    drew_ = true;
  }
}

}  // namespace heliosdb::server

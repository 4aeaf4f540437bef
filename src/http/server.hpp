// The HTTP server (Boost.Beast + Asio coroutines, kept inside http/*.cpp): keep-alive, limits
// (body, header, timeouts), request ids, access log, /healthz, /readyz, /metrics, the built web UI
// with cache headers and SPA fallback, graceful shutdown on SIGINT/SIGTERM. Handlers run on a
// worker pool so that blocking database work never stalls the network threads.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/i18n.hpp"
#include "core/result.hpp"
#include "http/router.hpp"

namespace eiso::http {

struct Settings {  // [http] in eiso.toml, or EISO_HTTP_<KEY>
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;                    // 0: any free port (tests)
  int io_threads = 1;                           // network threads
  int worker_threads = 0;                       // threads for requests that may write; 0: 16 × cores
                                                // (they mostly wait on the database; waiting writers
                                                // commit together)
  int read_threads = 0;                         // threads for requests that only read (GET, PostRead);
                                                // 0: one per core (more runnable threads than cores
                                                // only add context switches)
  std::size_t max_body_bytes = 1 << 20;        // JSON bodies; larger gets 413
  std::size_t max_header_bytes = 16 << 10;     // larger gets 431
  int read_timeout_seconds = 30;                // a request must arrive whole within this
  int idle_timeout_seconds = 75;                // keep-alive connections close after this
  int shutdown_grace_seconds = 10;              // in-flight requests get this long on SIGTERM
  std::string static_dir;                       // the built UI (web/dist); empty: no UI
  bool trust_proxy = false;                     // believe X-Forwarded-For / X-Forwarded-Proto
  bool access_log = true;
};

// Checks the session of a request that needs one, sets request.actor, and (for writes) the CSRF
// token. Returns the error to send otherwise.
using Authenticator = std::function<Status(Request&)>;
// /readyz: ok when the service can serve (database reachable).
using ReadinessProbe = std::function<Status()>;

class Server {
 public:
  Server(Settings settings, const Router& router, Authenticator authenticator,
         ReadinessProbe readiness, const core::MessageCatalog& messages);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens; kUnavailable "http.cannot_listen" if the address is taken.
  Status Listen();
  std::uint16_t port() const;
  // Serves until Stop() or (if handle_signals) SIGINT/SIGTERM; returns when in-flight requests
  // have finished or the grace period is over.
  void Run(bool handle_signals);
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The error reply sent to clients: {"error":{"code","message","field"}} with the message in the
// request's language. Also used by tests.
Reply ErrorReply(const Error& error, core::Lang lang, const core::MessageCatalog& messages);

}  // namespace eiso::http

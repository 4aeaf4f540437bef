#include <utility>  // Boost 1.74's asio/awaitable.hpp needs std::exchange declared first

#include "http/server.hpp"

#include <atomic>
#include <chrono>
#include <optional>
#include <thread>
#include <vector>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>
#include <sodium.h>
#include <spdlog/spdlog.h>

#include "http/metrics.hpp"
#include "http/static_files.hpp"

namespace eiso::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

Reply ErrorReply(const Error& error, core::Lang lang, const core::MessageCatalog& messages) {
  nlohmann::json body = {{"error",
                          {{"code", error.message_key},
                           {"message", messages.Localize(error.message_key, lang)},
                           {"field", error.field.empty() ? nlohmann::json() : nlohmann::json(error.field)}}}};
  return Reply::Json(body, error.HttpStatus());
}

namespace {

Method ToMethod(bhttp::verb v) {
  switch (v) {
    case bhttp::verb::get: return Method::kGet;
    case bhttp::verb::head: return Method::kHead;
    case bhttp::verb::post: return Method::kPost;
    case bhttp::verb::put: return Method::kPut;
    case bhttp::verb::patch: return Method::kPatch;
    case bhttp::verb::delete_: return Method::kDelete;
    case bhttp::verb::options: return Method::kOptions;
    default: return Method::kOther;
  }
}

// A request id the client sent is kept if it is short and plain; otherwise a new random one.
std::string RequestId(std::string_view sent) {
  if (!sent.empty() && sent.size() <= 64) {
    bool plain = true;
    for (char c : sent)
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) plain = false;
    if (plain) return std::string(sent);
  }
  unsigned char raw[8];
  randombytes_buf(raw, sizeof raw);
  char hex[17];
  sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
  return hex;
}

Reply PlainStatus(int status, std::string_view code, const core::MessageCatalog& messages, core::Lang lang) {
  Reply r = Reply::Json({{"error", {{"code", code}, {"message", messages.Localize(code, lang)}, {"field", nullptr}}}});
  r.status = status;
  return r;
}

}  // namespace

struct Server::Impl {
  Settings settings;
  const Router& router;
  Authenticator authenticate;
  ReadinessProbe readiness;
  const core::MessageCatalog& messages;

  asio::io_context io;
  std::optional<tcp::acceptor> acceptor;
  asio::thread_pool workers;   // requests that may write
  asio::thread_pool readers;   // requests that only read
  StaticFiles files;
  Metrics metrics;
  std::atomic<int> in_flight{0};
  std::atomic<bool> stopping{false};

  Impl(Settings s, const Router& r, Authenticator a, ReadinessProbe p, const core::MessageCatalog& m)
      : settings(std::move(s)), router(r), authenticate(std::move(a)), readiness(std::move(p)),
        messages(m), io(std::max(1, settings.io_threads)),
        workers(static_cast<std::size_t>(settings.worker_threads > 0
                                             ? settings.worker_threads
                                             : 16 * std::max(1u, std::thread::hardware_concurrency()))),
        readers(static_cast<std::size_t>(settings.read_threads > 0
                                             ? settings.read_threads
                                             : std::max(1u, std::thread::hardware_concurrency()))) {
    files.Load(settings.static_dir);
  }

  // Runs on a worker thread: routing, authentication, the handler. Never throws.
  Reply Dispatch(Request& request) {
    if (request.path == "/readyz") {
      Status ready = readiness ? readiness() : Ok();
      if (!ready) {
        spdlog::warn("{} not ready: {}", request.request_id, ready.error().detail);
        return ErrorReply(ready.error(), request.lang, messages);
      }
      return Reply::Text("ready\n");
    }
    const Route* route = nullptr;
    switch (router.Find(request, route)) {
      case Router::Outcome::kNoPath:
        return ErrorReply(Error::NotFound("common.route_not_found"), request.lang, messages);
      case Router::Outcome::kWrongMethod:
        return PlainStatus(405, "common.method_not_allowed", messages, request.lang);
      case Router::Outcome::kFound: break;
    }
    try {
      if (route->access == Access::kAuthenticated) {
        Status ok = authenticate(request);
        if (!ok) return ErrorReply(ok.error(), request.lang, messages);
      }
      Result<Reply> reply = route->handler(request);
      if (reply.ok()) return std::move(reply).value();
      const Error& error = reply.error();
      if (error.HttpStatus() >= 500 || !error.detail.empty())
        spdlog::error("{} {} {}: {} ({})", request.request_id, MethodName(request.method),
                      request.path, error.message_key, error.detail);
      return ErrorReply(error, request.lang, messages);
    } catch (const std::exception& e) {
      spdlog::error("{} {} {}: unexpected exception: {}", request.request_id,
                    MethodName(request.method), request.path, e.what());
      return ErrorReply(Error::Internal(e.what()), request.lang, messages);
    }
  }

  // Requests that need neither the database nor a worker thread.
  std::optional<Reply> Inline(const Request& request) {
    if (request.path == "/healthz") return Reply::Text("ok\n");
    if (request.path == "/metrics") return Reply::Text(metrics.Render(), "text/plain; version=0.0.4");
    const bool api = request.path.rfind("/api/", 0) == 0 || request.path == "/api";
    if (!api && request.path != "/readyz" &&
        (request.method == Method::kGet || request.method == Method::kHead)) {
      if (files.empty()) return ErrorReply(Error::NotFound("common.route_not_found"), request.lang, messages);
      return files.Serve(request);
    }
    return std::nullopt;
  }

  Request Convert(bhttp::request<bhttp::string_body>& in, const std::string& remote) {
    Request out;
    out.method = ToMethod(in.method());
    const std::string_view target(in.target().data(), in.target().size());
    const std::size_t q = target.find('?');
    out.path = PercentDecode(target.substr(0, q));
    if (q != std::string_view::npos) out.query_string = std::string(target.substr(q + 1));
    for (const auto& field : in) {
      std::string name(field.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      out.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    out.body = std::move(in.body());
    out.remote_addr = remote;
    if (settings.trust_proxy) {
      std::string_view forwarded = out.Header("x-forwarded-for");
      // The proxy appends the address it saw; anything before it came from the client.
      if (!forwarded.empty()) {
        std::string_view last = forwarded.substr(forwarded.rfind(',') == std::string_view::npos ? 0 : forwarded.rfind(',') + 1);
        while (!last.empty() && last.front() == ' ') last.remove_prefix(1);
        out.remote_addr = std::string(last);
      }
      out.secure_transport = out.Header("x-forwarded-proto") == "https";
    }
    out.request_id = RequestId(out.Header("x-request-id"));
    out.lang = core::LangFromAcceptLanguage(out.Header("accept-language"));
    return out;
  }

  static void Finish(bhttp::response<bhttp::string_body>& res, Reply& reply, const Request& request) {
    res.result(static_cast<unsigned>(reply.status));
    if (!reply.content_type.empty()) res.set(bhttp::field::content_type, reply.content_type);
    res.set("x-request-id", request.request_id);
    res.set("x-content-type-options", "nosniff");
    res.set("referrer-policy", "same-origin");
    res.set("x-frame-options", "DENY");
    bool has_cache_control = false;
    for (auto& [name, value] : reply.headers) {
      if (name == "cache-control") has_cache_control = true;
      res.insert(name, value);
    }
    if (!has_cache_control) res.set(bhttp::field::cache_control, "no-store");
    if (reply.content_type.rfind("text/html", 0) == 0)
      res.set("content-security-policy",
              "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
              "frame-ancestors 'none'; base-uri 'self'; form-action 'self'");
    res.body() = std::move(reply.body);
    res.prepare_payload();
  }

  // After refusing a request whose body is still arriving, read and drop what the client goes on
  // sending for a moment: closing with unread data makes the kernel reset the connection, and
  // the client would see a network error instead of our 413.
  static asio::awaitable<void> Drain(beast::tcp_stream& stream) {
    constexpr std::size_t kMaxDrained = 64u << 20;
    char sink[16384];
    std::size_t drained = 0;
    stream.expires_after(std::chrono::seconds(2));
    boost::system::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    while (!ec && drained < kMaxDrained) {
      drained += co_await stream.async_read_some(asio::buffer(sink), asio::redirect_error(asio::use_awaitable, ec));
    }
  }

  asio::awaitable<void> Session(tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    std::string remote;
    {
      boost::system::error_code ec;
      auto endpoint = stream.socket().remote_endpoint(ec);
      if (!ec) remote = endpoint.address().to_string();
    }
    metrics.ConnectionOpened();
    beast::flat_buffer buffer;
    bool first = true;
    while (!stopping) {
      bhttp::request_parser<bhttp::string_body> parser;
      // The Content-Length is checked against this when the header ends; the route's own limit
      // is applied just after (below).
      parser.body_limit(router.LargestBodyLimit(settings.max_body_bytes));
      parser.header_limit(static_cast<std::uint32_t>(settings.max_header_bytes));
      stream.expires_after(std::chrono::seconds(first ? settings.read_timeout_seconds
                                                      : settings.idle_timeout_seconds));
      first = false;
      boost::system::error_code ec;
      // The header first: an upload route may allow a larger body than the JSON limit.
      co_await bhttp::async_read_header(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
      if (!ec && !parser.is_done()) {
        const std::string_view target(parser.get().target().data(), parser.get().target().size());
        const std::string path = PercentDecode(target.substr(0, target.find('?')));
        const std::size_t limit = router.BodyLimit(ToMethod(parser.get().method()), path, settings.max_body_bytes);
        if (parser.content_length() && *parser.content_length() > limit) {
          ec = bhttp::error::body_limit;
        } else {
          parser.body_limit(limit);
          co_await bhttp::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
        }
      }
      const auto started = std::chrono::steady_clock::now();
      if (ec == bhttp::error::end_of_stream || ec == asio::error::eof ||
          ec == beast::error::timeout || ec == asio::error::operation_aborted ||
          ec == asio::error::connection_reset)
        break;
      Request request;
      Reply reply;
      bool keep_alive = false;
      const bool parse_failed = static_cast<bool>(ec);
      if (parse_failed) {
        // The request is not whole or not valid: answer and close, the stream is out of step.
        request.request_id = RequestId({});
        if (parser.is_header_done()) request = Convert(parser.get(), remote);
        if (ec == bhttp::error::body_limit)
          reply = ErrorReply({ErrorCode::kPayloadTooLarge, "common.payload_too_large", {}, {}}, request.lang, messages);
        else if (ec == bhttp::error::header_limit)
          reply = PlainStatus(431, "common.header_too_large", messages, request.lang);
        else
          reply = PlainStatus(400, "common.bad_request", messages, request.lang);
      } else {
        keep_alive = parser.get().keep_alive();
        request = Convert(parser.get(), remote);
        ++in_flight;
        if (auto inline_reply = Inline(request)) {
          reply = std::move(*inline_reply);
        } else {
          // Reads on a pool no larger than needed to keep the cores busy; writes on a large one,
          // because a write mostly waits for the group commit that its neighbours share.
          asio::thread_pool& pool = router.ReadsOnly(request.method, request.path) ? readers : workers;
          reply = co_await asio::co_spawn(
              pool.get_executor(),
              [this, &request]() -> asio::awaitable<Reply> { co_return Dispatch(request); },
              asio::use_awaitable);
        }
      }
      bhttp::response<bhttp::string_body> res;
      res.version(11);
      Finish(res, reply, request);
      const bool head = request.method == Method::kHead;
      keep_alive = keep_alive && !stopping;
      res.keep_alive(keep_alive);
      const int status = reply.status;
      if (head) {
        bhttp::response<bhttp::empty_body> head_res;
        head_res.base() = res.base();
        head_res.keep_alive(keep_alive);
        co_await bhttp::async_write(stream, head_res, asio::redirect_error(asio::use_awaitable, ec));
      } else {
        co_await bhttp::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
      }
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      metrics.Observe(status, seconds);
      if (settings.access_log)
        spdlog::info("{} {} {} {} {} {:.2f}ms", request.request_id, request.remote_addr,
                     MethodName(request.method), request.path, status, seconds * 1000);
      // Every path that read a whole request counted it in flight.
      if (!parse_failed) --in_flight;
      if (parse_failed && !ec) co_await Drain(stream);
      if (ec || !keep_alive) break;
    }
    boost::system::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    metrics.ConnectionClosed();
  }

  asio::awaitable<void> AcceptLoop() {
    while (!stopping) {
      boost::system::error_code ec;
      tcp::socket socket = co_await acceptor->async_accept(asio::redirect_error(asio::use_awaitable, ec));
      if (ec) {
        if (stopping || ec == asio::error::operation_aborted) break;
        spdlog::warn("accept failed: {}", ec.message());
        continue;
      }
      socket.set_option(tcp::no_delay(true), ec);
      asio::co_spawn(io, Session(std::move(socket)), asio::detached);
    }
  }
};

Server::Server(Settings settings, const Router& router, Authenticator authenticator,
               ReadinessProbe readiness, const core::MessageCatalog& messages)
    : impl_(std::make_unique<Impl>(std::move(settings), router, std::move(authenticator),
                                   std::move(readiness), messages)) {}

Server::~Server() {
  impl_->workers.join();
  impl_->readers.join();
}

Status Server::Listen() {
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(impl_->settings.host, ec);
  if (ec) return Error::Invalid("http.bad_host", "host");
  tcp::endpoint endpoint(address, impl_->settings.port);
  impl_->acceptor.emplace(impl_->io);
  impl_->acceptor->open(endpoint.protocol(), ec);
  if (!ec) impl_->acceptor->set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) impl_->acceptor->bind(endpoint, ec);
  if (!ec) impl_->acceptor->listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    Error error = Error::Unavailable(ec.message());
    error.message_key = "http.cannot_listen";
    return error;
  }
  return Ok();
}

std::uint16_t Server::port() const {
  boost::system::error_code ec;
  return impl_->acceptor ? impl_->acceptor->local_endpoint(ec).port() : 0;
}

void Server::Stop() {
  asio::post(impl_->io, [impl = impl_.get()] {
    if (impl->stopping.exchange(true)) return;
    boost::system::error_code ec;
    if (impl->acceptor) impl->acceptor->close(ec);
    // Let requests in flight finish, then end idle keep-alive connections by stopping the loop.
    auto timer = std::make_shared<asio::steady_timer>(impl->io);
    const auto deadline = std::chrono::steady_clock::now() +
                          std::chrono::seconds(impl->settings.shutdown_grace_seconds);
    auto poll = std::make_shared<std::function<void()>>();
    *poll = [impl, timer, deadline, poll] {
      if (impl->in_flight == 0 || std::chrono::steady_clock::now() >= deadline) {
        impl->io.stop();
        return;
      }
      timer->expires_after(std::chrono::milliseconds(20));
      timer->async_wait([poll](const boost::system::error_code&) { (*poll)(); });
    };
    (*poll)();
  });
}

void Server::Run(bool handle_signals) {
  std::optional<asio::signal_set> signals;
  if (handle_signals) {
    signals.emplace(impl_->io, SIGINT, SIGTERM);
    signals->async_wait([this](const boost::system::error_code& ec, int signal) {
      if (ec) return;
      spdlog::info("signal {}: shutting down", signal);
      Stop();
    });
  }
  asio::co_spawn(impl_->io, impl_->AcceptLoop(), asio::detached);
  std::vector<std::thread> extra;
  for (int i = 1; i < impl_->settings.io_threads; ++i) extra.emplace_back([this] { impl_->io.run(); });
  impl_->io.run();
  for (auto& t : extra) t.join();
}

}  // namespace eiso::http

#include "http/router.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "http/server.hpp"

namespace eiso::http {
namespace {

Handler Named(std::string name) {
  return [name](Request&) -> Result<Reply> { return Reply::Text(name); };
}

TEST(Router, TellsRequestsThatOnlyReadFromThoseThatMayWrite) {
  Router router;
  router.Get("/api/dossiers/{id}", Access::kAuthenticated, Named("get"));
  router.Post("/api/dossiers", Access::kAuthenticated, Named("receive"));
  router.PostRead("/api/public/dossiers/lookup", Access::kPublic, Named("lookup"));
  EXPECT_TRUE(router.ReadsOnly(Method::kGet, "/api/dossiers/7"));
  EXPECT_TRUE(router.ReadsOnly(Method::kHead, "/api/dossiers/7"));
  EXPECT_FALSE(router.ReadsOnly(Method::kPost, "/api/dossiers"));
  EXPECT_TRUE(router.ReadsOnly(Method::kPost, "/api/public/dossiers/lookup"));
  EXPECT_TRUE(router.ReadsOnly(Method::kPost, "/api/nothing"));   // answered 404 on the read pool
}

TEST(Router, MatchesPathParametersAndMethods) {
  Router router;
  router.Get("/api/agencies", Access::kAuthenticated, Named("list"));
  router.Get("/api/agencies/{id}", Access::kAuthenticated, Named("get"));
  router.Post("/api/agencies/{id}/deactivate", Access::kAuthenticated, Named("deactivate"));

  Request get{.method = Method::kGet, .path = "/api/agencies/42"};
  const Route* route = nullptr;
  ASSERT_EQ(router.Find(get, route), Router::Outcome::kFound);
  EXPECT_EQ(route->pattern, "/api/agencies/{id}");
  EXPECT_EQ(get.PathParam("id"), "42");
  EXPECT_EQ(get.IdParam("id").value(), 42);

  Request wrong{.method = Method::kDelete, .path = "/api/agencies/42"};
  EXPECT_EQ(router.Find(wrong, route), Router::Outcome::kWrongMethod);
  Request none{.method = Method::kGet, .path = "/api/nothing"};
  EXPECT_EQ(router.Find(none, route), Router::Outcome::kNoPath);
  Request head{.method = Method::kHead, .path = "/api/agencies"};
  EXPECT_EQ(router.Find(head, route), Router::Outcome::kFound);
}

TEST(Request, IdParamRejectsAnythingButAPositiveInteger) {
  for (std::string bad : {"0", "-1", "12a", "", "99999999999999999999"}) {
    Request r{.path_params = {{"id", bad}}};
    EXPECT_FALSE(r.IdParam("id").ok()) << bad;
    EXPECT_EQ(r.IdParam("id").error().code, ErrorCode::kNotFound);
  }
}

TEST(Request, ReadsCookiesQueriesAndJson) {
  Request r;
  r.headers = {{"cookie", "a=1; eiso_session=abc; z=2"}};
  r.query_string = "q=Qu%E1%BA%BF+V%C3%B5&include_inactive=true";
  r.body = R"({"name":"Sở KH&CN"})";
  EXPECT_EQ(r.Cookie("eiso_session"), "abc");
  EXPECT_EQ(r.Cookie("missing"), "");
  EXPECT_EQ(r.Query("q"), "Quế Võ");
  EXPECT_EQ(r.Query("include_inactive"), "true");
  EXPECT_EQ(r.Json().value()["name"], "Sở KH&CN");
  r.body = "[1,2]";
  EXPECT_EQ(r.Json().error().message_key, "common.bad_json");
  r.body = "{broken";
  EXPECT_EQ(r.Json().error().message_key, "common.bad_json");
}

TEST(Request, PercentEncodeKeepsOnlyUnreservedBytesAndDecodesBack) {
  EXPECT_EQ(PercentEncode("AZaz09.-_~"), "AZaz09.-_~");
  EXPECT_EQ(PercentEncode("a b&c=d/+%"), "a%20b%26c%3Dd%2F%2B%25");
  EXPECT_EQ(PercentEncode("Quế Võ"), "Qu%E1%BA%BF%20V%C3%B5");
  EXPECT_EQ(PercentDecode(PercentEncode("000.00.15.H06-261116-0001 & Quế Võ")), "000.00.15.H06-261116-0001 & Quế Võ");
}

TEST(Reply, ContentDispositionGivesAnAsciiNameAndTheExactUtf8One) {
  EXPECT_EQ(ContentDisposition("Mẫu 01 - tiếp nhận.pdf", Disposition::kInline),
            "inline; filename=\"M_u 01 - ti_p nh_n.pdf\"; "
            "filename*=UTF-8''M%E1%BA%ABu%2001%20-%20ti%E1%BA%BFp%20nh%E1%BA%ADn.pdf");
  EXPECT_EQ(ContentDisposition("report_v1.2~final.docx", Disposition::kAttachment),
            "attachment; filename=\"report_v1.2~final.docx\"; filename*=UTF-8''report_v1.2~final.docx");
  // Quotes, backslashes and control bytes never reach the quoted name; a 4-byte character is one '_'.
  EXPECT_EQ(ContentDisposition("a\"b\\c\td😀.txt", Disposition::kAttachment),
            "attachment; filename=\"a_b_c_d_.txt\"; filename*=UTF-8''a%22b%5Cc%09d%F0%9F%98%80.txt");
  EXPECT_EQ(ContentDisposition("", Disposition::kInline), "inline; filename=\"\"; filename*=UTF-8''");
}

TEST(ErrorReply, LocalizesAndNamesTheField) {
  core::MessageCatalog messages;
  messages.Add(core::CommonMessages());
  Reply vi = ErrorReply(Error::Invalid("common.required", "name"), core::Lang::kVi, messages);
  EXPECT_EQ(vi.status, 400);
  auto body = nlohmann::json::parse(vi.body);
  EXPECT_EQ(body["error"]["code"], "common.required");
  EXPECT_EQ(body["error"]["field"], "name");
  EXPECT_EQ(body["error"]["message"], "Trường này là bắt buộc.");
  Reply en = ErrorReply(Error::Invalid("common.required", "name"), core::Lang::kEn, messages);
  EXPECT_EQ(nlohmann::json::parse(en.body)["error"]["message"], "This field is required.");
}

}  // namespace
}  // namespace eiso::http

#include "server/repl/statement_splitter.hpp"

#include <cctype>

namespace heliosdb::server {

namespace {

bool is_tag_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

std::string lowered(std::string_view word) {
  std::string out(word);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::vector<std::string> StatementSplitter::add_line(std::string_view line) {
  std::vector<std::string> done;
  if (!pending_.empty()) pending_.push_back('\n');
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    char next = i + 1 < line.size() ? line[i + 1] : '\0';
    pending_.push_back(c);
    switch (state_) {
      case State::kNormal:
        if (c == '-' && next == '-') {
          state_ = State::kLineComment;
        } else if (c == '/' && next == '*') {
          state_ = State::kBlockComment;
          comment_depth_ = 1;
          pending_.push_back(next);
          ++i;
        } else if (c == '\'') {
          state_ = State::kSingleQuote;
          has_content_ = true;
        } else if (c == '"') {
          state_ = State::kDoubleQuote;
          has_content_ = true;
        } else if (c == '$' && (i == 0 || !is_tag_char(line[i - 1]))) {
          // $tag$ opens a dollar quote; $1 is a parameter.
          std::size_t end = i + 1;
          while (end < line.size() && is_tag_char(line[end])) ++end;
          if (end < line.size() && line[end] == '$' &&
              (end == i + 1 || !std::isdigit(static_cast<unsigned char>(line[i + 1])))) {
            dollar_tag_ = std::string(line.substr(i, end - i + 1));
            pending_.append(line.substr(i + 1, end - i));
            i = end;
            state_ = State::kDollar;
          }
          has_content_ = true;
        } else if (c == ';' && begin_depth_ == 0) {
          done.push_back(std::move(pending_));
          pending_.clear();
          has_content_ = false;
          identifier_count_ = 0;
        } else if ((std::isalpha(static_cast<unsigned char>(c)) || c == '_') && (i == 0 || !is_tag_char(line[i - 1]))) {
          // A word: as psql, BEGIN (but the first word, a transaction's) and
          // CASE open a block whose ';'s do not end the statement, END closes one.
          std::size_t end = i + 1;
          while (end < line.size() && is_tag_char(line[end])) ++end;
          const std::string word = lowered(line.substr(i, end - i));
          pending_.append(line.substr(i + 1, end - i - 1));
          i = end - 1;
          ++identifier_count_;
          if ((word == "begin" || word == "case") && identifier_count_ > 1) {
            ++begin_depth_;
          } else if (word == "end" && begin_depth_ > 0) {
            --begin_depth_;
          }
          has_content_ = true;
        } else if (!std::isspace(static_cast<unsigned char>(c))) {
          has_content_ = true;
        }
        break;
      case State::kSingleQuote:
        // '' inside a literal is an escaped quote: leaving and re-entering works the same.
        if (c == '\'') state_ = State::kNormal;
        break;
      case State::kDoubleQuote:
        if (c == '"') state_ = State::kNormal;
        break;
      case State::kLineComment:
        break;
      case State::kBlockComment:
        if (c == '/' && next == '*') {
          ++comment_depth_;
          pending_.push_back(next);
          ++i;
        } else if (c == '*' && next == '/') {
          pending_.push_back(next);
          ++i;
          if (--comment_depth_ == 0) state_ = State::kNormal;
        }
        break;
      case State::kDollar:
        if (c == '$' && line.substr(i, dollar_tag_.size()) == dollar_tag_) {
          pending_.append(line.substr(i + 1, dollar_tag_.size() - 1));
          i += dollar_tag_.size() - 1;
          state_ = State::kNormal;
        }
        break;
    }
  }
  if (state_ == State::kLineComment) state_ = State::kNormal;
  return done;
}

bool StatementSplitter::empty() const { return !has_content_ && state_ == State::kNormal; }

std::string StatementSplitter::take_pending() {
  std::string out = std::move(pending_);
  pending_.clear();
  state_ = State::kNormal;
  has_content_ = false;
  identifier_count_ = 0;
  begin_depth_ = 0;
  return out;
}

}  // namespace heliosdb::server

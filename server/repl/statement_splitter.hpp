#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace heliosdb::server {

/// Collects input lines into complete SQL statements: a statement ends at a
/// ';' outside quotes ('...', "...", E'...'), comments (--, nested /* */)
/// and dollar quotes ($$...$$, $tag$...$tag$), and outside BEGIN ... END
/// and CASE ... END blocks (CREATE FUNCTION's BEGIN ATOMIC), as psql decides when to send.
/// Only lexical: the engine's parser does the rest.
class StatementSplitter {
 public:
  /// Adds a line (without its newline); returns the statements it completed,
  /// each including its ';'.
  std::vector<std::string> add_line(std::string_view line);
  /// True when nothing but whitespace and comments is pending.
  bool empty() const;
  /// Text of an unfinished statement (sent as is at end of input).
  std::string take_pending();

 private:
  enum class State : std::uint8_t { kNormal, kSingleQuote, kDoubleQuote, kLineComment, kBlockComment, kDollar };
  std::string pending_;
  State state_ = State::kNormal;
  int comment_depth_ = 0;
  std::string dollar_tag_;
  bool has_content_ = false;
  int identifier_count_ = 0;  ///< words of the statement so far
  int begin_depth_ = 0;       ///< BEGIN / CASE blocks open
};

}  // namespace heliosdb::server

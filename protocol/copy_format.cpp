#include "protocol/copy_format.hpp"

#include <cctype>
#include <cstring>

#include "engine/common/db_error.hpp"
#include "engine/types/cast.hpp"
#include "protocol/value_format.hpp"
#include "protocol/wire_format.hpp"

namespace heliosdb::protocol {

namespace {

using engine::CopyFormat;
using engine::DbError;
using engine::Row;
using engine::Value;

constexpr std::string_view kBinarySignature("PGCOPY\n\377\r\n\0", 11);
constexpr std::size_t kBinaryHeader = kBinarySignature.size() + 8;  // + flags, extension length

int octal_digit(char c) { return c >= '0' && c <= '7' ? c - '0' : -1; }

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Text format's backslash sequence at line[i] (the backslash) into `out`;
// returns the index after it.
std::size_t unescape(std::string_view line, std::size_t i, std::string& out) {
  if (i + 1 >= line.size()) {
    out.push_back('\\');  // a lone backslash ending the data is itself
    return i + 1;
  }
  const char c = line[i + 1];
  if (octal_digit(c) >= 0) {
    int value = 0;
    std::size_t j = i + 1;
    for (int n = 0; n < 3 && j < line.size() && octal_digit(line[j]) >= 0; ++n, ++j)
      value = value * 8 + octal_digit(line[j]);
    out.push_back(static_cast<char>(value & 0xFF));
    return j;
  }
  if (c == 'x' && i + 2 < line.size() && hex_digit(line[i + 2]) >= 0) {
    int value = hex_digit(line[i + 2]);
    std::size_t j = i + 3;
    if (j < line.size() && hex_digit(line[j]) >= 0) value = value * 16 + hex_digit(line[j++]);
    out.push_back(static_cast<char>(value));
    return j;
  }
  switch (c) {
    case 'b':
      out.push_back('\b');
      break;
    case 'f':
      out.push_back('\f');
      break;
    case 'n':
      out.push_back('\n');
      break;
    case 'r':
      out.push_back('\r');
      break;
    case 't':
      out.push_back('\t');
      break;
    case 'v':
      out.push_back('\v');
      break;
    default:
      out.push_back(c);  // \\, an escaped delimiter, or any other character as itself
  }
  return i + 2;
}

}  // namespace

CopyDecoder::CopyDecoder(std::string relation, engine::CopyOptions options, std::vector<engine::ResultColumn> columns)
    : relation_(std::move(relation)),
      options_(std::move(options)),
      columns_(std::move(columns)),
      header_pending_(options_.header) {}

std::string CopyDecoder::context() const { return "COPY " + relation_ + ", line " + std::to_string(line_); }

void CopyDecoder::bad_data(const std::string& message) const {
  std::string where = context();
  if (options_.format != CopyFormat::kBinary) where += ": \"" + line_text_ + "\"";
  throw DbError(engine::sqlstate::kBadCopyFileFormat, message).with_context(where);
}

std::optional<std::string_view> CopyDecoder::take_line() {
  // Drop what has been read, before the view handed out points into it.
  if (pos_ > (1u << 16) && pos_ * 2 > buffer_.size()) {
    buffer_.erase(0, pos_);
    pos_ = 0;
  }
  const bool csv = options_.format == CopyFormat::kCsv;
  const char* data = buffer_.data();
  bool in_quote = false;
  std::size_t end = std::string::npos;
  if (csv) {
    for (std::size_t i = pos_; i < buffer_.size(); ++i) {
      const char c = data[i];
      if (in_quote && c == options_.escape && options_.escape != options_.quote && i + 1 < buffer_.size() &&
          (data[i + 1] == options_.quote || data[i + 1] == options_.escape)) {
        ++i;
      } else if (c == options_.quote) {
        in_quote = !in_quote;  // "" inside quotes leaves and re-enters: the same end result
      } else if (c == '\n' && !in_quote) {
        end = i;
        break;
      }
    }
  } else {
    // A newline ends the line unless an odd run of backslashes escapes it.
    for (std::size_t from = pos_; from < buffer_.size();) {
      const void* found = std::memchr(data + from, '\n', buffer_.size() - from);
      if (found == nullptr) break;
      const std::size_t i = static_cast<std::size_t>(static_cast<const char*>(found) - data);
      std::size_t run = i;
      while (run > pos_ && data[run - 1] == '\\') --run;
      if ((i - run) % 2 == 0) {
        end = i;
        break;
      }
      from = i + 1;
    }
  }
  std::string_view line;
  if (end == std::string::npos) {
    if (!finished_ || pos_ >= buffer_.size()) return std::nullopt;
    if (in_quote) {
      ++line_;
      line_text_ = buffer_.substr(pos_);
      bad_data("unterminated CSV quoted field");
    }
    line = std::string_view(buffer_).substr(pos_);  // the last line may go without its newline
    pos_ = buffer_.size();
  } else {
    line = std::string_view(buffer_).substr(pos_, end - pos_);
    pos_ = end + 1;
    const bool has_cr = !line.empty() && line.back() == '\r';
    if (!crlf_) crlf_ = has_cr;
    if (*crlf_ && !has_cr) {
      ++line_;
      throw DbError(engine::sqlstate::kBadCopyFileFormat,
                    csv ? "unquoted newline found in data" : "literal newline found in data")
          .with_hint(csv ? "Use quoted CSV field to represent newline." : "Use \"\\n\" to represent newline.")
          .with_context(context());
    }
    if (*crlf_) line.remove_suffix(1);
  }
  return line;
}

void CopyDecoder::text_fields(std::string_view line) {
  std::size_t count = 0;
  if (!(columns_.empty() && line.empty())) {
    std::size_t i = 0;
    for (;;) {
      const std::size_t start = i;
      // The plain stretch in one go; a backslash or CR goes the slow way.
      while (i < line.size() && line[i] != options_.delimiter && line[i] != '\\' && line[i] != '\r') ++i;
      std::string& value = field(count);
      value.assign(line.substr(start, i - start));
      while (i < line.size() && line[i] != options_.delimiter) {
        if (line[i] == '\\') {
          i = unescape(line, i, value);
          continue;
        }
        if (line[i] == '\r') {
          throw DbError(engine::sqlstate::kBadCopyFileFormat, "literal carriage return found in data")
              .with_hint("Use \"\\r\" to represent carriage return.")
              .with_context(context());
        }
        value.push_back(line[i++]);
      }
      // NULL is recognised before unescaping: \N, not a field that decodes to it.
      if (line.substr(start, i - start) == options_.null_string) fields_[count].reset();
      ++count;
      if (i >= line.size()) break;
      ++i;
    }
  }
  fields_.resize(count);
}

std::string& CopyDecoder::field(std::size_t k) {
  // Kept from row to row, so a field's string keeps its capacity.
  if (k >= fields_.size()) fields_.resize(k + 1);
  if (!fields_[k]) fields_[k].emplace();
  return *fields_[k];
}

void CopyDecoder::csv_fields(std::string_view line) {
  std::size_t count = 0;
  if (columns_.empty() && line.empty()) {
    fields_.clear();
    return;
  }
  const char quote = options_.quote, escape = options_.escape;
  std::size_t i = 0;
  for (;;) {
    std::string& value = field(count);
    value.clear();
    bool quoted = false, in_quote = false;
    while (i < line.size()) {
      const char c = line[i];
      if (in_quote) {
        if (c == escape && i + 1 < line.size() &&
            (line[i + 1] == quote || (escape != quote && line[i + 1] == escape))) {
          value.push_back(line[i + 1]);
          i += 2;
        } else if (c == quote) {
          in_quote = false;
          ++i;
        } else {
          value.push_back(c);
          ++i;
        }
        continue;
      }
      if (c == options_.delimiter) break;
      if (c == quote) {
        in_quote = quoted = true;
        ++i;
        continue;
      }
      if (c == '\r') {
        throw DbError(engine::sqlstate::kBadCopyFileFormat, "unquoted carriage return found in data")
            .with_hint("Use quoted CSV field to represent carriage return.")
            .with_context(context());
      }
      value.push_back(c);
      ++i;
    }
    const std::size_t column = count;
    const bool flagged = column < options_.force_null.size();
    bool is_null = value == options_.null_string && (!quoted || (flagged && options_.force_null[column]));
    if (flagged && options_.force_not_null[column]) is_null = false;
    if (is_null) fields_[column].reset();
    ++count;
    if (i >= line.size()) break;
    ++i;
  }
  fields_.resize(count);
}

void CopyDecoder::check_header(const std::vector<std::optional<std::string>>& fields) const {
  if (fields.size() != columns_.size()) {
    bad_data("wrong number of fields in header line: got " + std::to_string(fields.size()) + ", expected " +
             std::to_string(columns_.size()));
  }
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (!fields[i])
      bad_data("column name mismatch in header line field " + std::to_string(i + 1) + ": got null value (\"" +
               options_.null_string + "\"), expected \"" + columns_[i].name + "\"");
    if (*fields[i] != columns_[i].name) {
      bad_data("column name mismatch in header line field " + std::to_string(i + 1) + ": got \"" + *fields[i] +
               "\", expected \"" + columns_[i].name + "\"");
    }
  }
}

Value CopyDecoder::convert(std::size_t column, const std::optional<std::string>& field) const {
  const engine::ResultColumn& c = columns_[column];
  if (!field) return Value::null(c.type.id);
  try {
    // The column type's input function, with its length or precision.
    return engine::cast_value(Value::string(engine::TypeId::kUnknown, *field), c.type,
                              engine::CastContext::kAssignment);
  } catch (DbError& e) {
    e.with_context(context() + ", column " + c.name + ": \"" + *field + "\"");
    throw;
  }
}

bool CopyDecoder::next_row(Row& row) {
  if (done_) return false;
  if (options_.format == CopyFormat::kBinary) return next_binary_row(row);
  for (;;) {
    std::optional<std::string_view> line = take_line();
    if (!line) {
      done_ = finished_;
      return false;
    }
    ++line_;
    line_text_.assign(*line);
    if (*line == "\\.") {
      done_ = true;  // the end-of-data marker; anything after it is ignored
      return false;
    }
    if (options_.format == CopyFormat::kCsv) {
      csv_fields(*line);
    } else {
      text_fields(*line);
    }
    if (header_pending_) {
      header_pending_ = false;
      if (options_.header_match) check_header(fields_);
      continue;
    }
    if (fields_.size() < columns_.size()) {
      bad_data("missing data for column \"" + columns_[fields_.size()].name + "\"");
    }
    if (fields_.size() > columns_.size()) bad_data("extra data after last expected column");
    row.resize(columns_.size());
    for (std::size_t i = 0; i < columns_.size(); ++i) row[i] = convert(i, fields_[i]);
    return true;
  }
}

bool CopyDecoder::next_binary_row(Row& row) {
  const std::size_t available = buffer_.size() - pos_;
  const char* p = buffer_.data() + pos_;
  const std::size_t previous_line = line_;
  auto incomplete = [&]() {
    line_ = previous_line;  // the row is read again when the rest of it is here
    if (finished_) {
      if (available == 0 && binary_header_read_) {
        done_ = true;  // no trailer: PostgreSQL takes the end of data as the end too
        return false;
      }
      bad_data("unexpected EOF in COPY data");
    }
    return false;
  };
  if (!binary_header_read_) {
    // The file header: signature, flags, then an extension area to skip.
    if (available < kBinaryHeader) return incomplete();
    if (std::string_view(p, kBinarySignature.size()) != kBinarySignature) {
      bad_data("COPY file signature not recognized");
    }
    const std::uint32_t flags = read_u32(p + kBinarySignature.size());
    if (flags & (1u << 16)) bad_data("invalid COPY file header (WITH OIDS)");
    if ((flags >> 16) != 0) bad_data("unrecognized critical flags in COPY file header");
    const std::uint32_t extension = read_u32(p + kBinarySignature.size() + 4);
    if (available < kBinaryHeader + extension) return incomplete();
    pos_ += kBinaryHeader + extension;
    binary_header_read_ = true;
    return next_binary_row(row);
  }
  if (available < 2) return incomplete();
  ++line_;
  const auto count = static_cast<std::int16_t>(read_u16(p));
  if (count == -1) {
    done_ = true;
    return false;
  }
  if (count != static_cast<int>(columns_.size())) {
    bad_data("row field count is " + std::to_string(count) + ", expected " + std::to_string(columns_.size()));
  }
  // Only a row whose bytes are all here is decoded.
  std::size_t at = 2;
  std::vector<std::pair<std::size_t, std::int32_t>> spans;
  for (int i = 0; i < count; ++i) {
    if (available < at + 4) return incomplete();
    const auto length = static_cast<std::int32_t>(read_u32(p + at));
    at += 4;
    if (length < -1) bad_data("invalid field size");
    spans.emplace_back(at, length);
    if (length > 0) at += static_cast<std::size_t>(length);
    if (available < at) return incomplete();
  }
  row.resize(columns_.size());
  for (std::size_t i = 0; i < spans.size(); ++i) {
    const auto [offset, length] = spans[i];
    if (length < 0) {
      row[i] = Value::null(columns_[i].type.id);
      continue;
    }
    try {
      Value v = decode_binary(std::string_view(p + offset, static_cast<std::size_t>(length)), columns_[i].type.id, "");
      // The column's length or precision applies as on any assignment; an
      // enum's label, which arrives as a literal would, takes the column's type.
      row[i] = columns_[i].type.typmod >= 0 || v.type() != columns_[i].type.id
                   ? engine::cast_value(v, columns_[i].type, engine::CastContext::kAssignment)
                   : std::move(v);
    } catch (DbError& e) {
      e.with_context(context() + ", column " + columns_[i].name);
      throw;
    }
  }
  pos_ += at;
  if (pos_ > (1u << 16) && pos_ * 2 > buffer_.size()) {
    buffer_.erase(0, pos_);
    pos_ = 0;
  }
  return true;
}

CopyEncoder::CopyEncoder(engine::CopyOptions options, std::vector<engine::ResultColumn> columns)
    : options_(std::move(options)), columns_(std::move(columns)) {}

std::string CopyEncoder::start() const {
  std::string out;
  if (options_.format == CopyFormat::kBinary) {
    out.append(kBinarySignature);
    put_u32(out, 0);  // flags
    put_u32(out, 0);  // header extension length
    return out;
  }
  if (!options_.header) return out;
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    if (i > 0) out.push_back(options_.delimiter);
    if (options_.format == CopyFormat::kCsv) {
      add_csv_field(columns_[i].name, false, out);
    } else {
      add_text_field(columns_[i].name, out);
    }
  }
  out.push_back('\n');
  return out;
}

std::string CopyEncoder::end() const {
  std::string out;
  if (options_.format == CopyFormat::kBinary) put_u16(out, 0xFFFF);
  return out;
}

void CopyEncoder::add_row(const Row& row, std::string& out) const {
  if (options_.format == CopyFormat::kBinary) {
    put_u16(out, static_cast<std::uint16_t>(row.size()));
    for (const Value& v : row) append_binary_item(out, v);
    return;
  }
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (i > 0) out.push_back(options_.delimiter);
    if (row[i].is_null()) {
      out += options_.null_string;
      continue;
    }
    const std::string text = engine::format_value(row[i]);
    if (options_.format == CopyFormat::kCsv) {
      add_csv_field(text, i < options_.force_quote.size() && options_.force_quote[i], out);
    } else {
      add_text_field(text, out);
    }
  }
  out.push_back('\n');
}

void CopyEncoder::add_text_field(std::string_view value, std::string& out) const {
  for (char c : value) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\v':
        out += "\\v";
        break;
      default:
        if (c == options_.delimiter) out.push_back('\\');
        out.push_back(c);
    }
  }
}

void CopyEncoder::add_csv_field(std::string_view value, bool force_quote, std::string& out) const {
  const char quote = options_.quote, escape = options_.escape;
  // Quoted when it could be misread: it holds a delimiter, quote or line
  // break, it would read back as NULL, or alone on a line it is the end marker.
  bool needs_quotes = force_quote || value == options_.null_string || (value == "\\." && columns_.size() == 1);
  for (char c : value) {
    if (c == options_.delimiter || c == quote || c == '\n' || c == '\r') needs_quotes = true;
  }
  if (!needs_quotes) {
    out += value;
    return;
  }
  out.push_back(quote);
  for (char c : value) {
    if (c == quote || c == escape) out.push_back(escape);
    out.push_back(c);
  }
  out.push_back(quote);
}

}  // namespace heliosdb::protocol

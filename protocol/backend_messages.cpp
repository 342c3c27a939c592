#include "protocol/backend_messages.hpp"

#include "protocol/wire_format.hpp"

namespace heliosdb::protocol {

void BackendWriter::begin(char type) {
  start_ = out_.size();
  out_.push_back(type);
  put_u32(out_, 0);  // the length, filled in by end()
}

void BackendWriter::end() {
  auto length = static_cast<std::uint32_t>(out_.size() - start_ - 1);
  std::string word;
  put_u32(word, length);
  out_.replace(start_ + 1, 4, word);
}

void BackendWriter::authentication_ok() {
  begin('R');
  put_u32(out_, 0);
  end();
}

void BackendWriter::authentication_cleartext_password() {
  begin('R');
  put_u32(out_, 3);
  end();
}

void BackendWriter::authentication_md5_password(std::string_view salt) {
  begin('R');
  put_u32(out_, 5);
  out_.append(salt);
  end();
}

void BackendWriter::authentication_sasl(const std::vector<std::string>& mechanisms) {
  begin('R');
  put_u32(out_, 10);
  for (const std::string& m : mechanisms) put_cstring(out_, m);
  out_.push_back('\0');
  end();
}

void BackendWriter::authentication_sasl_continue(std::string_view data) {
  begin('R');
  put_u32(out_, 11);
  out_.append(data);
  end();
}

void BackendWriter::authentication_sasl_final(std::string_view data) {
  begin('R');
  put_u32(out_, 12);
  out_.append(data);
  end();
}

void BackendWriter::parameter_status(std::string_view name, std::string_view value) {
  begin('S');
  put_cstring(out_, name);
  put_cstring(out_, value);
  end();
}

void BackendWriter::backend_key_data(std::uint32_t pid, std::uint32_t secret) {
  begin('K');
  put_u32(out_, pid);
  put_u32(out_, secret);
  end();
}

void BackendWriter::ready_for_query(char status) {
  begin('Z');
  out_.push_back(status);
  end();
}

void BackendWriter::row_description(const std::vector<FieldDescription>& fields) {
  begin('T');
  put_u16(out_, static_cast<std::uint16_t>(fields.size()));
  for (const FieldDescription& f : fields) {
    put_cstring(out_, f.name);
    put_u32(out_, f.table_oid);
    put_u16(out_, static_cast<std::uint16_t>(f.column_number));
    put_u32(out_, f.type_oid);
    put_u16(out_, static_cast<std::uint16_t>(f.type_size));
    put_u32(out_, static_cast<std::uint32_t>(f.type_modifier));
    put_u16(out_, static_cast<std::uint16_t>(f.format));
  }
  end();
}

void BackendWriter::begin_row(std::size_t columns) {
  begin('D');
  put_u16(out_, static_cast<std::uint16_t>(columns));
}

void BackendWriter::add_field(std::optional<std::string_view> value) {
  if (!value) {
    put_u32(out_, 0xFFFFFFFF);  // -1: NULL
    return;
  }
  put_u32(out_, static_cast<std::uint32_t>(value->size()));
  out_.append(*value);
}

void BackendWriter::end_row() { end(); }

void BackendWriter::command_complete(std::string_view tag) {
  begin('C');
  put_cstring(out_, tag);
  end();
}

void BackendWriter::empty_query_response() {
  begin('I');
  end();
}

void BackendWriter::parse_complete() {
  begin('1');
  end();
}

void BackendWriter::bind_complete() {
  begin('2');
  end();
}

void BackendWriter::close_complete() {
  begin('3');
  end();
}

void BackendWriter::no_data() {
  begin('n');
  end();
}

void BackendWriter::portal_suspended() {
  begin('s');
  end();
}

void BackendWriter::parameter_description(const std::vector<std::uint32_t>& types) {
  begin('t');
  put_u16(out_, static_cast<std::uint16_t>(types.size()));
  for (std::uint32_t t : types) put_u32(out_, t);
  end();
}

void BackendWriter::fields_message(char type, const ErrorFields& fields) {
  begin(type);
  auto field = [&](char code, std::string_view value) {
    if (value.empty()) return;
    out_.push_back(code);
    put_cstring(out_, value);
  };
  field('S', fields.severity);
  field('V', fields.severity);  // the untranslated severity; we never translate
  field('C', fields.code);
  field('M', fields.message);
  field('D', fields.detail);
  field('H', fields.hint);
  if (fields.position > 0) field('P', std::to_string(fields.position));
  field('W', fields.context);
  field('s', fields.schema);
  field('t', fields.table);
  field('c', fields.column);
  field('d', fields.datatype);
  field('n', fields.constraint);
  field('R', fields.routine);
  out_.push_back('\0');
  end();
}

namespace {

void copy_response(BackendWriter& w, std::int8_t format, std::size_t columns) {
  std::string& out = w.buffer();
  out.push_back(static_cast<char>(format));
  put_u16(out, static_cast<std::uint16_t>(columns));
  for (std::size_t i = 0; i < columns; ++i) put_u16(out, static_cast<std::uint16_t>(format));
}

}  // namespace

void BackendWriter::copy_in_response(std::int8_t format, std::size_t columns) {
  begin('G');
  copy_response(*this, format, columns);
  end();
}

void BackendWriter::copy_out_response(std::int8_t format, std::size_t columns) {
  begin('H');
  copy_response(*this, format, columns);
  end();
}

void BackendWriter::copy_data(std::string_view data) {
  begin('d');
  out_.append(data);
  end();
}

void BackendWriter::notification_response(std::uint32_t pid, std::string_view channel, std::string_view payload) {
  begin('A');
  put_u32(out_, pid);
  put_cstring(out_, channel);
  put_cstring(out_, payload);
  end();
}

void BackendWriter::copy_done() {
  begin('c');
  end();
}

void BackendWriter::error_response(const ErrorFields& fields) { fields_message('E', fields); }

void BackendWriter::notice_response(const ErrorFields& fields) { fields_message('N', fields); }

}  // namespace heliosdb::protocol

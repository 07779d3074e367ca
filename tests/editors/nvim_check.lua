-- Open a spec in headless Neovim (0.7+), attach speclint's language server
-- with the built-in client, wait for its diagnostics and write them as JSON.
-- Usage: SPEC=path OUT=path SPECLINT=path nvim --headless -u NONE -c "luafile nvim_check.lua"
local spec = os.getenv("SPEC")
local out = os.getenv("OUT")
local exe = os.getenv("SPECLINT") or "speclint"

local function finish(result)
  local f = io.open(out, "w")
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd("qall!")
end

vim.cmd("edit " .. vim.fn.fnameescape(spec))
local bufnr = vim.api.nvim_get_current_buf()
vim.bo[bufnr].filetype = "mspec"

local client_id = vim.lsp.start_client({
  name = "speclint",
  cmd = { exe, "lsp" },
  root_dir = vim.fn.fnamemodify(spec, ":h"),
})
if not client_id then
  finish({ error = "the client did not start" })
end
vim.lsp.buf_attach_client(bufnr, client_id)

local ok = vim.wait(30000, function()
  return #vim.diagnostic.get(bufnr) > 0
end, 100)

local items = {}
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  local code = d.code
  if code == nil and d.user_data and d.user_data.lsp then
    code = d.user_data.lsp.code
  end
  table.insert(items, { line = d.lnum + 1, col = d.col + 1, code = code, message = d.message, source = d.source })
end

-- hover on the first rule id, through the same client
local hover = nil
local client = vim.lsp.get_client_by_id(client_id)
local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = tonumber(os.getenv("HOVER_LINE") or "0"), character = tonumber(os.getenv("HOVER_CHAR") or "0") } }
local response = client.request_sync("textDocument/hover", params, 10000, bufnr)
if response and response.result and response.result.contents then
  hover = response.result.contents.value
end

finish({ ok = ok, diagnostics = items, hover = hover, version = vim.version().minor })

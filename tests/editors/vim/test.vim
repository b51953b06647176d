" Vim + ALE end to end for nianbao.
"
"   NB_CMD=/path/to/nianbao NB_PROJECT=/tmp/project NB_REPO=/path/to/repo \
"     NB_OUT=/tmp/out vim -N -u NONE -i NONE -n -Es -S tests/editors/vim/test.vim
"
" Loads ALE (Debian's vim-ale package, `packadd ale`) and editors/vim/nianbao.vim, opens a
" copy of a seed report, waits for the findings in ALE, checks their positions (ALE counts
" 1-based byte columns), applies the NB202 quick fix through ALE's code-action API and waits
" for the findings to follow the edit. Prints what it checks; on failure prints what ALE had and
" exits 1.

set nocompatible
set encoding=utf-8
set hidden
filetype on
let s:timeout = empty($NB_TIMEOUT_MS) ? 15000 : str2nr($NB_TIMEOUT_MS)
let s:project = $NB_PROJECT
let s:report = s:project . '/吕梁市教育局2021年度报告.txt'
let s:copy = s:project . '/report-copy.txt'
let s:draft = s:project . '/草稿年报.md'
let s:old_cell = '本年度止件数'
let s:new_cell = '本年废止件数'
let s:nb202_message = '表头“本年度止件数”有误，应为“本年废止件数”'
let s:fix_title = '改为“本年废止件数”'

" ALE as a user has it, without the display parts that need a terminal.
let g:ale_echo_cursor = 0
let g:ale_virtualtext_cursor = 'disabled'
packadd ale
let g:nianbao_executable = $NB_CMD
let g:nianbao_settings = {'rules': {'NB401': 'warning'}}
execute 'source ' . fnameescape($NB_REPO . '/editors/vim/nianbao.vim')

" Output goes to $NB_OUT (the run script prints it): appending to /dev/stdout would reopen a
" redirected stdout file at its own offset and interleave badly with the shell's output.
let s:out = empty($NB_OUT) ? '/dev/stdout' : $NB_OUT
function! s:Out(line) abort
  call writefile([a:line], s:out, 'a')
endfunction

function! s:Fail(message) abort
  throw 'nianbao-failure: ' . a:message
endfunction

function! s:Loclist(buffer, ...) abort
  let l:items = get(get(g:ale_buffer_info, a:buffer, {}), 'loclist', [])
  if a:0
    return filter(copy(l:items), {_, d -> get(d, 'code', '') is# a:1})
  endif
  return l:items
endfunction

" Polls (processing ALE's channel and timers while sleeping) until the condition holds.
function! s:WaitFor(what, condition) abort
  let l:start = reltime()
  while reltimefloat(reltime(l:start)) * 1000 < s:timeout
    if eval(a:condition)
      call s:Out(printf('ok: %s (%.0f ms)', a:what, reltimefloat(reltime(l:start)) * 1000))
      return
    endif
    sleep 20m
  endwhile
  if !eval(a:condition)
    call s:Fail(printf('timed out after %d ms waiting for %s', s:timeout, a:what))
  endif
endfunction

function! s:Show() abort
  for l:buffer in range(1, bufnr('$'))
    if !bufloaded(l:buffer) || empty(bufname(l:buffer))
      continue
    endif
    call s:Out(printf('  buffer %s (filetype %s)', bufname(l:buffer), getbufvar(l:buffer, '&filetype')))
    for l:d in s:Loclist(l:buffer)
      call s:Out(printf('    diagnostic %s %d:%d-%d:%d type=%s %s', get(l:d, 'code', '?'),
      \ l:d.lnum, l:d.col, get(l:d, 'end_lnum', -1), get(l:d, 'end_col', -1), l:d.type, l:d.text))
    endfor
    for l:n in [53, 54, 55]
      call s:Out(printf('    line %d: %s', l:n, get(getbufline(l:buffer, l:n), 0, '')))
    endfor
  endfor
  call s:Out('  ALE connections: ' . string(keys(ale#lsp#GetConnections())))
endfunction

function! s:Open(path) abort
  execute 'edit ' . fnameescape(a:path)
  " What ALE does on BufEnter/BufReadPost in an interactive Vim.
  ALELint
  return bufnr('')
endfunction

function! s:LanguageId(buffer) abort
  for l:linter in ale#linter#Get(getbufvar(a:buffer, '&filetype'))
    if l:linter.name is# 'nianbao'
      return ale#linter#GetLanguage(a:buffer, l:linter)
    endif
  endfor
  return ''
endfunction

" ALE's code-action API: request the actions at the cursor, pick one by title (as a user does
" in ALE's menu) and let ALE apply it.
let s:offered = []
function! s:PickFix(data, items) abort
  let s:offered = map(copy(a:items), {_, i -> i[1]})
  for [l:kind, l:action] in a:items
    if get(l:action, 'title', '') is# s:fix_title
      call ale#codefix#ApplyLSPCodeAction(a:data, l:action)
      return
    endif
  endfor
endfunction

function! s:Main() abort
  call s:Out(printf('vim %d.%d patch %d, ALE from %s', v:version / 100, v:version % 100,
  \ v:versionlong % 10000, fnamemodify(globpath(&runtimepath, 'autoload/ale.vim', 0, 1)[0], ':h:h')))

  " 1. The report opens as filetype nianbao; ALE starts the server with the project root.
  let l:buf = s:Open(s:report)
  if &filetype isnot# 'nianbao'
    call s:Fail('filetype of the report is ' . &filetype)
  endif
  call s:Out('ok: the report has filetype nianbao')
  if s:LanguageId(l:buf) isnot# 'nianbao'
    call s:Fail('languageId for filetype nianbao is ' . s:LanguageId(l:buf))
  endif

  " 2. The findings, at the right places.
  call s:WaitFor('NB202 and NB401 in ALE',
  \ '!empty(s:Loclist(' . l:buf . ', "NB202")) && !empty(s:Loclist(' . l:buf . ', "NB401"))')
  let l:conns = keys(ale#lsp#GetConnections())
  if len(l:conns) != 1 || l:conns[0] !~# '\V:' . escape(s:project, '\') . '\$'
    call s:Fail('expected one connection rooted at the project, got ' . string(l:conns))
  endif
  call s:Out('ok: one server, rooted at the directory holding nianbao.toml')
  let l:line54 = getline(54)
  let l:byte_col = stridx(l:line54, s:old_cell) + 1
  let l:char_col = strchars(strpart(l:line54, 0, l:byte_col - 1)) + 1
  " The CLI reports 54:13 in characters; ALE (and Vim) count 1-based bytes.
  if l:char_col != 13 || l:byte_col != 33
    call s:Fail(printf('the cell is at character column %d, byte column %d; expected 13 and 33', l:char_col, l:byte_col))
  endif
  let l:d = s:Loclist(l:buf, 'NB202')[0]
  if l:d.lnum != 54 || l:d.col != l:byte_col
    call s:Fail(printf('NB202 at %d:%d, expected 54:%d (1-based byte column)', l:d.lnum, l:d.col, l:byte_col))
  endif
  let l:last_byte = l:byte_col + strlen(s:old_cell) - 1
  if get(l:d, 'end_lnum', 54) != 54 || l:d.end_col != l:last_byte
    call s:Fail(printf('NB202 ends at %d:%d, expected 54:%d (the cell''s last byte)', get(l:d, 'end_lnum', -1), l:d.end_col, l:last_byte))
  endif
  if l:d.text isnot# s:nb202_message || l:d.type isnot# 'W'
    call s:Fail(printf('NB202 is %s: %s', l:d.type, l:d.text))
  endif
  call s:Out(printf('ok: NB202 at line 54, byte column %d (character column 13), message and type', l:byte_col))
  let l:d401 = s:Loclist(l:buf, 'NB401')[0]
  if getline(120) isnot# '六、其他需要报告的事项' || l:d401.lnum != 120 || l:d401.col != 1
    call s:Fail(printf('NB401 at %d:%d; line 120 is %s', l:d401.lnum, l:d401.col, getline(120)))
  endif
  " An error by default; the settings made it a warning.
  if l:d401.type isnot# 'W'
    call s:Fail('NB401 has type ' . l:d401.type . ': the setting rules.NB401 = warning did not apply')
  endif
  call s:Out('ok: NB401 at line 120, a warning as the settings say')

  " 3. The quick fix through ALE's code actions, the cursor on the cell.
  call cursor(54, l:byte_col)
  call ale#codefix#Execute(0, function('s:PickFix'))
  call s:WaitFor('the quick fix to change line 54', 'getline(54) isnot# ' . string(l:line54))
  let l:titles = map(copy(s:offered), {_, a -> get(a, 'title', '')})
  let l:action = get(filter(copy(s:offered), {_, a -> get(a, 'title', '') is# s:fix_title}), 0, {})
  if empty(l:action) || get(l:action, 'isPreferred', v:false) isnot v:true || get(l:action, 'kind', '') isnot# 'quickfix'
    call s:Fail('the fix offered: ' . string(l:action) . ' among ' . string(l:titles))
  endif
  let l:want = substitute(l:line54, s:old_cell, s:new_cell, '')
  if getline(54) isnot# l:want
    call s:Fail('line 54 after the fix: ' . getline(54) . ', expected ' . l:want)
  endif
  if search(s:old_cell, 'nw') || !search(s:new_cell, 'nw')
    call s:Fail('the buffer still holds ' . s:old_cell . ' or lacks ' . s:new_cell)
  endif
  call s:Out('ok: quick fix ' . s:fix_title . ' (preferred) applied: line 54 now reads ' . s:new_cell)

  " 4. The findings follow the edit (ALE lints on TextChanged in an interactive Vim).
  ALELint
  call s:WaitFor('NB202 to disappear after the fix (NB401 still there)',
  \ 'empty(s:Loclist(' . l:buf . ', "NB202")) && !empty(s:Loclist(' . l:buf . ', "NB401"))')

  " 5. A plain-text copy: languageId plaintext, same server, checked because of its title.
  let l:copy = s:Open(s:copy)
  if &filetype isnot# 'text' || s:LanguageId(l:copy) isnot# 'plaintext'
    call s:Fail('the copy has filetype ' . &filetype . ', languageId ' . s:LanguageId(l:copy))
  endif
  call s:Out('ok: filetype text is sent as languageId plaintext')
  call s:WaitFor('NB202 on the plain-text copy', '!empty(s:Loclist(' . l:copy . ', "NB202"))')
  if len(ale#lsp#GetConnections()) != 1
    call s:Fail('a second server was started: ' . string(keys(ale#lsp#GetConnections())))
  endif

  " 6. A *年报*.md draft that does not look like a report is checked because it is nianbao.
  let l:draft = s:Open(s:draft)
  if &filetype isnot# 'nianbao'
    call s:Fail('the 年报 draft has filetype ' . &filetype)
  endif
  call s:WaitFor('NB101 on the 年报 draft (checked as a nianbao document)', '!empty(s:Loclist(' . l:draft . ', "NB101"))')

  call ale#lsp#reset#StopAllLSPs()
  call s:Out('ok: server stopped')
endfunction

try
  call s:Main()
  call s:Out('OK')
  qall!
catch
  call s:Out('FAIL: ' . substitute(v:exception, '^nianbao-failure: ', '', '') . (v:exception =~# '^nianbao-failure' ? '' : ' (' . v:throwpoint . ')'))
  call s:Show()
  call ale#lsp#reset#StopAllLSPs()
  cquit 1
endtry

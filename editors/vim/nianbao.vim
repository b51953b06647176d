" nianbao.vim — the nianbao language server (checker for 政府信息公开工作年度报告 drafts)
" as an ALE linter, plus filetype detection for report files.
"
" Needs ALE (https://github.com/dense-analysis/ale; Debian: vim-ale, then `packadd! ale`).
" Source this file from your vimrc after ALE is on 'runtimepath', or drop it into
" ~/.vim/plugin/. Options (set them before this file is sourced):
"
"   g:nianbao_executable  the server binary                    (default 'nianbao')
"   g:nianbao_settings    server settings, a Dictionary        (default {})
"                         e.g. {'layout': '2021', 'rules': {'NB409': 'off'}}
"   g:nianbao_filetypes   filetypes to check                   (default ['nianbao', 'text', 'markdown'])
"
" Files named *年度报告*.txt, *年度报告*.md, *年报*.txt and *年报*.md get filetype `nianbao`
" and are always checked; plain-text and Markdown files are checked when they look like a
" report. ALE counts columns in bytes, so the server is started with --position-encoding utf-8.

if exists('g:loaded_nianbao_ale')
  finish
endif
let g:loaded_nianbao_ale = 1

let g:nianbao_executable = get(g:, 'nianbao_executable', 'nianbao')
let g:nianbao_settings = get(g:, 'nianbao_settings', {})
let g:nianbao_filetypes = get(g:, 'nianbao_filetypes', ['nianbao', 'text', 'markdown'])

augroup nianbao_filetype
  autocmd!
  autocmd BufRead,BufNewFile *年度报告*.txt,*年度报告*.md,*年报*.txt,*年报*.md setlocal filetype=nianbao
augroup END

" The protocol's languageId for each filetype.
let s:language_ids = {'nianbao': 'nianbao', 'text': 'plaintext', 'markdown': 'markdown'}

" The nearest directory holding nianbao.toml or .git, else the file's own directory.
function! NianbaoProjectRoot(buffer) abort
  let l:dir = fnamemodify(bufname(a:buffer), ':p:h')
  let l:toml = findfile('nianbao.toml', fnameescape(l:dir) . ';')
  if !empty(l:toml)
    return fnamemodify(l:toml, ':p:h')
  endif
  let l:git = finddir('.git', fnameescape(l:dir) . ';')
  if empty(l:git)
    let l:git = findfile('.git', fnameescape(l:dir) . ';')
  endif
  if !empty(l:git)
    return fnamemodify(l:git, ':p:h:h')
  endif
  return l:dir
endfunction

function! s:Define() abort
  for l:ft in g:nianbao_filetypes
    call ale#linter#Define(l:ft, {
    \ 'name': 'nianbao',
    \ 'lsp': 'stdio',
    \ 'executable': {b -> g:nianbao_executable},
    \ 'command': '%e lsp --position-encoding utf-8',
    \ 'project_root': function('NianbaoProjectRoot'),
    \ 'language': get(s:language_ids, l:ft, l:ft),
    \ 'initialization_options': {b -> g:nianbao_settings},
    \ 'lsp_config': {b -> {'nianbao': g:nianbao_settings}},
    \})
    " ALE runs no linter for `text` unless asked, nor any unlisted one with
    " g:ale_linters_explicit; add nianbao to the lists that need it.
    let g:ale_linters = get(g:, 'ale_linters', {})
    if has_key(g:ale_linters, l:ft) && type(g:ale_linters[l:ft]) == v:t_list
      if index(g:ale_linters[l:ft], 'nianbao') < 0
        call add(g:ale_linters[l:ft], 'nianbao')
      endif
    elseif l:ft ==# 'text' || get(g:, 'ale_linters_explicit', 0)
      let g:ale_linters[l:ft] = ['nianbao']
    endif
  endfor
endfunction

" ALE's functions autoload from its directory on 'runtimepath'; packages in pack/*/start are
" only added after the vimrc and plugin/ scripts, so wait for VimEnter if ALE is not there yet.
if !empty(globpath(&runtimepath, 'autoload/ale/linter.vim'))
  call s:Define()
else
  augroup nianbao_ale
    autocmd!
    autocmd VimEnter * call s:Define()
  augroup END
endif

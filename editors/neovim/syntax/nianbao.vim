" Report drafts written in Markdown keep Markdown highlighting; plain-text drafts have none.
if exists('b:current_syntax')
  finish
endif
if expand('%:e') =~? '^\(md\|markdown\)$'
  runtime! syntax/markdown.vim
  unlet! b:current_syntax
endif
let b:current_syntax = 'nianbao'

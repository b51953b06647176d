;;; nianbao-mode.el --- Major mode for 政府信息公开工作年度报告 drafts  -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "28.1"))
;; Keywords: languages, tools
;; SPDX-License-Identifier: MIT OR Apache-2.0

;;; Commentary:

;; `nianbao-mode' (derived from `text-mode') for files named *年度报告*.txt, *年度报告*.md,
;; *年报*.txt and *年报*.md.  Shared by nianbao-eglot.el (Eglot) and nianbao-lsp.el
;; (lsp-mode), which start the nianbao language server in it.

;;; Code:

(defgroup nianbao nil
  "Checking 政府信息公开工作年度报告 drafts with nianbao."
  :group 'tools
  :prefix "nianbao-")

;;;###autoload
(define-derived-mode nianbao-mode text-mode "年报"
  "Major mode for drafts of 政府信息公开工作年度报告, checked by nianbao.")

;;;###autoload
(add-to-list 'auto-mode-alist '("年度报告[^/]*\\.\\(?:txt\\|md\\)\\'" . nianbao-mode))
;;;###autoload
(add-to-list 'auto-mode-alist '("年报[^/]*\\.\\(?:txt\\|md\\)\\'" . nianbao-mode))

(provide 'nianbao-mode)
;;; nianbao-mode.el ends here

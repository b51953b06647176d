;;; nianbao-lsp.el --- lsp-mode client for nianbao, the 政府信息公开工作年度报告 checker  -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "28.1") (lsp-mode "8.0.0"))
;; Keywords: languages, tools
;; SPDX-License-Identifier: MIT OR Apache-2.0

;;; Commentary:

;; Registers the nianbao language server (`nianbao lsp') with lsp-mode, for an lsp-mode
;; setup instead of Eglot (use one of nianbao-eglot.el and nianbao-lsp.el, not both).
;;
;; - `nianbao-mode' buffers (nianbao-mode.el) start lsp-mode by themselves, languageId
;;   "nianbao"; `text-mode' buffers are sent as "plaintext" and `markdown-mode' as "markdown"
;;   when you start lsp-mode there (M-x lsp, or `lsp-deferred' in a hook).
;; - Settings: `nianbao-lsp-settings', sent as initializationOptions.
;; - Quick fixes: M-x lsp-execute-code-action on a finding.

;;; Code:

(require 'lsp-mode)
;; nianbao-mode.el: from `load-path', else from this file's directory.
(eval-and-compile
  (unless (require 'nianbao-mode nil t)
    (require 'nianbao-mode
             (expand-file-name "nianbao-mode"
                               (file-name-directory
                                (or load-file-name (bound-and-true-p byte-compile-current-file)
                                    buffer-file-name))))))

(defcustom nianbao-lsp-command '("nianbao" "lsp")
  "The language server command and its arguments."
  :type '(repeat string)
  :group 'nianbao)

(defcustom nianbao-lsp-settings nil
  "Settings for the nianbao language server, as a plist.
Sent as initializationOptions.  Keys as in `nianbao-eglot-settings',
e.g. (:layout \"2021\" :rules (:NB409 \"off\"))."
  :type 'plist
  :group 'nianbao)

(add-to-list 'lsp-language-id-configuration '(nianbao-mode . "nianbao"))
(add-to-list 'lsp-language-id-configuration '(text-mode . "plaintext"))

(lsp-register-client
 (make-lsp-client
  :new-connection (lsp-stdio-connection (lambda () nianbao-lsp-command))
  :activation-fn (lsp-activate-on "nianbao" "plaintext" "markdown")
  :initialization-options (lambda () (or nianbao-lsp-settings (make-hash-table)))
  :server-id 'nianbao))

;;;###autoload
(add-hook 'nianbao-mode-hook #'lsp-deferred)

(provide 'nianbao-lsp)
;;; nianbao-lsp.el ends here

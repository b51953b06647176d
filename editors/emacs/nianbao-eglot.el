;;; nianbao-eglot.el --- Eglot support for nianbao, the 政府信息公开工作年度报告 checker  -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "28.1") (eglot "1.9"))
;; Keywords: languages, tools
;; SPDX-License-Identifier: MIT OR Apache-2.0

;;; Commentary:

;; Runs the nianbao language server (`nianbao lsp') through Eglot for drafts of
;; 政府信息公开工作年度报告.
;;
;; - `nianbao-mode' (nianbao-mode.el, next to this file) for files named *年度报告*.txt/.md
;;   and *年报*.txt/.md; Eglot starts by itself in such buffers.
;; - Plain-text and Markdown buffers: add `nianbao-eglot-ensure' to `text-mode-hook' (it starts
;;   Eglot only in `text-mode', `markdown-mode' and `gfm-mode' themselves, not in modes derived
;;   from them such as `org-mode' or `latex-mode').  The server checks those documents only when
;;   they look like a report.
;; - Settings: `nianbao-eglot-settings', sent as initializationOptions and answered on
;;   workspace/configuration (section "nianbao").
;; - Commands: `nianbao-fix-all' (every safe fix) and `nianbao-insert-template'; quick fixes
;;   come through `eglot-code-actions' (M-x eglot-code-action-quickfix).
;;
;; Works with Emacs 28 plus the eglot package (1.9 or later) and with the Eglot built into
;; Emacs 29 and later.

;;; Code:

(require 'eglot)
(require 'cl-lib)
;; nianbao-mode.el: from `load-path', else from this file's directory.
(eval-and-compile
  (unless (require 'nianbao-mode nil t)
    (require 'nianbao-mode
             (expand-file-name "nianbao-mode"
                               (file-name-directory
                                (or load-file-name (bound-and-true-p byte-compile-current-file)
                                    buffer-file-name))))))

(defcustom nianbao-eglot-command '("nianbao" "lsp")
  "The language server command and its arguments."
  :type '(repeat string)
  :group 'nianbao)

(defcustom nianbao-eglot-settings nil
  "Settings for the nianbao language server, as a plist.
Sent as initializationOptions and answered on workspace/configuration
\(section \"nianbao\").  Keys: :layout (\"auto\", \"2019\" or \"2021\"),
:locale (\"zh-CN\" or \"en\"), :rules (a plist of rule code or name to
\"off\", \"error\", \"warning\", \"info\" or \"hint\"), :debounceMs,
:inlayHints (\"mismatches\", \"all\" or \"off\"), :files (a vector of
globs).  Example:

  (setq nianbao-eglot-settings
        \\='(:layout \"2021\" :rules (:NB409 \"off\" :placeholder \"warning\")))

When nil, workspace/configuration is answered from
`eglot-workspace-configuration' as for any other server."
  :type 'plist
  :group 'nianbao)

(defcustom nianbao-eglot-modes '(nianbao-mode text-mode markdown-mode gfm-mode)
  "Major modes in which `nianbao-eglot-ensure' starts Eglot.
Exact modes, not the modes derived from them."
  :type '(repeat symbol)
  :group 'nianbao)

(defclass nianbao-eglot-server (eglot-lsp-server) ()
  :documentation "The nianbao language server.")

(defun nianbao-eglot--contact (&optional _interactive)
  "The Eglot contact for nianbao: the server class and `nianbao-eglot-command'."
  (cons 'nianbao-eglot-server nianbao-eglot-command))

;; Documents in `nianbao-mode' are always checked (languageId "nianbao").  Plain text and
;; Markdown are a separate entry, appended so that any other server the user has for those
;; modes comes first; Eglot before 1.10 keeps one languageId per server, so the two kinds of
;; buffers must not share one.
(add-to-list 'eglot-server-programs
             `((nianbao-mode :language-id "nianbao") . ,#'nianbao-eglot--contact))
(add-to-list 'eglot-server-programs
             `(((markdown-mode :language-id "markdown")
                (gfm-mode :language-id "markdown")
                (text-mode :language-id "plaintext"))
               . ,#'nianbao-eglot--contact)
             t)

(cl-defmethod eglot-initialization-options ((_server nianbao-eglot-server))
  "Send `nianbao-eglot-settings' as initializationOptions."
  (or nianbao-eglot-settings (make-hash-table)))

(cl-defmethod eglot-handle-request
  ((_server nianbao-eglot-server) (_method (eql workspace/configuration)) &key items)
  "Answer workspace/configuration from `nianbao-eglot-settings' when it is set."
  (if (null nianbao-eglot-settings)
      (cl-call-next-method)
    (apply #'vector
           (mapcar (lambda (item)
                     (if (equal (plist-get item :section) "nianbao")
                         nianbao-eglot-settings
                       nil))
                   items))))

;;;###autoload
(defun nianbao-eglot-ensure ()
  "Start Eglot with nianbao if the major mode is one of `nianbao-eglot-modes'."
  (when (memq major-mode nianbao-eglot-modes)
    (eglot-ensure)))

;;;###autoload
(add-hook 'nianbao-mode-hook #'nianbao-eglot-ensure)

(defun nianbao--code-action (kind)
  "Apply the code action of KIND that the server offers for the whole buffer."
  (eglot-code-actions (point-min) (point-max) kind t))

(defun nianbao-fix-all ()
  "Apply every safe fix nianbao has for this report."
  (interactive)
  (nianbao--code-action "source.fixAll.nianbao"))

(defun nianbao-insert-template ()
  "Insert the report template into an empty draft.
The template has all six sections and every table."
  (interactive)
  (nianbao--code-action "refactor.rewrite.nianbao.template"))

(provide 'nianbao-eglot)
;;; nianbao-eglot.el ends here

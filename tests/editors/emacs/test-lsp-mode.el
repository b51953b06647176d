;;; test-lsp-mode.el --- Emacs + lsp-mode end to end for nianbao  -*- lexical-binding: t; -*-
;;
;;   NB_CMD=/path/to/nianbao NB_PROJECT=/tmp/project NB_REPO=/path/to/repo \
;;     emacs --batch -l tests/editors/emacs/test-lsp-mode.el
;;
;; Loads editors/emacs/nianbao-lsp.el (the lsp-mode client the README shows), opens a copy of
;; a seed report, waits for the findings in Flymake, checks their positions, applies the NB202
;; quick fix with lsp-mode's code-action commands and waits for the findings to follow the
;; edit.  On failure prints what Emacs had and exits 1.

(require 'cl-lib)
(require 'package)
(package-initialize)                    ; Debian's elpa-lsp-mode and its dependencies
(require 'flymake)

(defvar nb-cmd (or (getenv "NB_CMD") (error "NB_CMD not set")))
(defvar nb-project (file-name-as-directory (or (getenv "NB_PROJECT") (error "NB_PROJECT not set"))))
(defvar nb-repo (file-name-as-directory (or (getenv "NB_REPO") (error "NB_REPO not set"))))
(defvar nb-timeout (/ (string-to-number (or (getenv "NB_TIMEOUT_MS") "15000")) 1000.0))
(defconst nb-report (expand-file-name "吕梁市教育局2021年度报告.txt" nb-project))
(defconst nb-old-cell "本年度止件数")
(defconst nb-new-cell "本年废止件数")
(defconst nb-fix-title "改为“本年废止件数”")

;; lsp-mode without prompts or files outside the test's HOME.
(setq lsp-auto-guess-root t
      lsp-enable-file-watchers nil
      lsp-enable-snippet nil
      lsp-keep-workspace-alive nil
      lsp-diagnostics-provider :flymake
      lsp-headerline-breadcrumb-enable nil
      lsp-modeline-code-actions-enable nil
      lsp-modeline-diagnostics-enable nil)

(load (expand-file-name "editors/emacs/nianbao-lsp.el" nb-repo) nil t)
(setq nianbao-lsp-command (list nb-cmd "lsp")
      nianbao-lsp-settings '(:rules (:NB401 "warning")))

(defun nb-out (fmt &rest args) (princ (concat (apply #'format fmt args) "\n")))
(define-error 'nb-failure "nianbao test failure")
(defun nb-fail (fmt &rest args) (signal 'nb-failure (list (apply #'format fmt args))))
(defmacro nb-check (cond fmt &rest args) `(unless ,cond (nb-fail ,fmt ,@args)))

(defun nb-code (diag)
  "The rule code of Flymake DIAG, from lsp-mode's store of the server's diagnostics."
  (cl-loop for lsp-diag in (gethash (lsp--fix-path-casing buffer-file-name) (lsp-diagnostics t))
           when (equal (lsp:diagnostic-message lsp-diag) (flymake-diagnostic-text diag))
           return (lsp:diagnostic-code? lsp-diag)))
(defun nb-diags (code)
  (cl-remove-if-not (lambda (d) (equal (nb-code d) code)) (flymake-diagnostics)))

(defun nb-idle ()
  "Emulate the user pausing: run the idle timers that are due (batch Emacs never idles)."
  (dolist (timer (copy-sequence timer-idle-list))
    (timer-event-handler timer)))

(defun nb-wait (what pred)
  (let ((start (float-time)) (deadline (+ (float-time) nb-timeout)))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (nb-idle)
      (accept-process-output nil 0.02))
    (nb-check (funcall pred) "timed out after %.0f s waiting for %s" nb-timeout what)
    (nb-out "ok: %s (%.0f ms)" what (* 1000 (- (float-time) start)))))

(defun nb-line (n)
  (save-excursion (goto-char (point-min)) (forward-line (1- n))
                  (buffer-substring-no-properties (line-beginning-position) (line-end-position))))

(defun nb-main ()
  (nb-out "Emacs %s, lsp-mode from %s" emacs-version
          (file-name-directory (or (locate-library "lsp-mode") "?")))
  (find-file nb-report)
  (run-hooks 'post-command-hook)        ; the command loop after `find-file'
  (nb-check (eq major-mode 'nianbao-mode) "major mode %s" major-mode)
  (nb-wait "lsp-mode to connect (lsp-deferred from nianbao-mode-hook)"
           (lambda () (and (bound-and-true-p lsp-mode) (lsp-workspaces)
                           (eq (lsp--workspace-status (car (lsp-workspaces))) 'initialized))))
  (nb-check (equal (lsp-buffer-language) "nianbao") "languageId %s" (lsp-buffer-language))
  (nb-out "ok: languageId nianbao")
  (nb-wait "NB202 and NB401 in Flymake"
           (lambda () (flymake-start) (and (nb-diags "NB202") (nb-diags "NB401"))))
  (let* ((line54 (nb-line 54))
         (col (string-search nb-old-cell line54))
         (beg (save-excursion (goto-char (point-min)) (forward-line 53) (+ (point) col)))
         (d (car (nb-diags "NB202"))))
    (nb-check (eql col 12) "the cell starts at character column %s, expected 12" col)
    (nb-check (and (= (flymake-diagnostic-beg d) beg)
                   (= (flymake-diagnostic-end d) (+ beg (length nb-old-cell))))
              "NB202 at %d-%d, expected %d-%d" (flymake-diagnostic-beg d) (flymake-diagnostic-end d)
              beg (+ beg (length nb-old-cell)))
    (nb-out "ok: NB202 at buffer position %d (line 54, column 12)" beg)
    (let ((d401 (car (nb-diags "NB401"))))
      (nb-check (eq (flymake-diagnostic-type d401) :warning)
                "NB401 type %s: the setting rules.NB401 = warning did not apply"
                (flymake-diagnostic-type d401)))
    (nb-out "ok: NB401 is a warning as the settings say")
    (goto-char beg)
    (let* ((actions (lsp-code-actions-at-point))
           (action (cl-find nb-fix-title actions :key (lambda (a) (gethash "title" a)) :test #'equal)))
      (nb-check action "no action titled %s among %S" nb-fix-title
                (mapcar (lambda (a) (gethash "title" a)) actions))
      (lsp-execute-code-action action))
    (let ((want (replace-regexp-in-string nb-old-cell nb-new-cell line54 t t)))
      (nb-check (equal (nb-line 54) want) "line 54 after the fix: %s" (nb-line 54)))
    (nb-out "ok: quick fix %s applied: line 54 now reads %s" nb-fix-title nb-new-cell)
    (nb-wait "NB202 to disappear after the fix (NB401 still there)"
             (lambda () (flymake-start) (and (null (nb-diags "NB202")) (nb-diags "NB401")))))
  (lsp-workspace-shutdown (car (lsp-workspaces)))
  (nb-out "ok: server shut down"))

(condition-case err
    (progn (nb-main) (nb-out "OK") (kill-emacs 0))
  (error
   (nb-out "FAIL: %s" (if (eq (car err) 'nb-failure) (cadr err) (error-message-string err)))
   (dolist (d (flymake-diagnostics))
     (nb-out "  diagnostic %d-%d %s %s" (flymake-diagnostic-beg d) (flymake-diagnostic-end d)
             (flymake-diagnostic-type d) (flymake-diagnostic-text d)))
   (dolist (n '(53 54 55)) (nb-out "  line %d: %s" n (nb-line n)))
   (ignore-errors (lsp-workspace-shutdown (car (lsp-workspaces))))
   (kill-emacs 1)))

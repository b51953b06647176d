;;; test.el --- Emacs + Eglot end to end for nianbao  -*- lexical-binding: t; -*-
;;
;;   NB_CMD=/path/to/nianbao NB_PROJECT=/tmp/project NB_REPO=/path/to/repo \
;;     emacs --batch -l tests/editors/emacs/test.el
;;
;; Loads editors/emacs/nianbao-eglot.el, opens a copy of a seed report, waits for the findings
;; in Flymake, checks their positions, applies the NB202 quick fix with `eglot-code-actions',
;; and waits for the findings to follow the edit.  Prints what it checks; on failure prints the
;; diagnostics and lines Emacs had and exits 1.

(require 'cl-lib)
(require 'subr-x)
(unless (require 'eglot nil t)          ; built in from Emacs 29; Debian's elpa-eglot on 28
  (require 'package)
  (package-initialize)
  (require 'eglot))
(require 'flymake)

(defvar nb-cmd (or (getenv "NB_CMD") (error "NB_CMD not set")))
(defvar nb-project (file-name-as-directory (or (getenv "NB_PROJECT") (error "NB_PROJECT not set"))))
(defvar nb-repo (file-name-as-directory (or (getenv "NB_REPO") (error "NB_REPO not set"))))
(defvar nb-timeout (/ (string-to-number (or (getenv "NB_TIMEOUT_MS") "15000")) 1000.0))

(defconst nb-report (expand-file-name "吕梁市教育局2021年度报告.txt" nb-project))
(defconst nb-copy (expand-file-name "report-copy.txt" nb-project))
(defconst nb-old-cell "本年度止件数")
(defconst nb-new-cell "本年废止件数")
(defconst nb-202-message "表头“本年度止件数”有误，应为“本年废止件数”")
(defconst nb-fix-title "改为“本年废止件数”")

(load (expand-file-name "editors/emacs/nianbao-eglot.el" nb-repo) nil t)

(setq nianbao-eglot-command (list nb-cmd "lsp")
      nianbao-eglot-settings '(:rules (:NB401 "warning"))
      eglot-sync-connect nb-timeout
      eglot-connect-timeout (max 1 (round nb-timeout))
      eglot-autoshutdown nil)
;; Plain-text reports too, as the README shows.
(add-hook 'text-mode-hook #'nianbao-eglot-ensure)

(defun nb-out (fmt &rest args)
  (princ (concat (apply #'format fmt args) "\n")))

;; Everything Emacs sends to the server (method and params), recorded at the JSON-RPC layer.
(defvar nb-sent nil)
(advice-add 'jsonrpc-connection-send :before
            (lambda (_conn &rest args)
              (when (plist-get args :method)
                (push (cons (plist-get args :method) (plist-get args :params)) nb-sent))))

(defun nb-sent (method)
  (cl-loop for (m . params) in (reverse nb-sent)
           when (member m (list method (intern (concat ":" method))))
           collect params))

(define-error 'nb-failure "nianbao test failure")
(defun nb-fail (fmt &rest args)
  (signal 'nb-failure (list (apply #'format fmt args))))
(defmacro nb-check (cond fmt &rest args)
  `(unless ,cond (nb-fail ,fmt ,@args)))

(defun nb-code (diag)
  "The rule code of a Flymake DIAG from Eglot."
  (let ((lsp (cdr (assoc 'eglot-lsp-diag (ignore-errors (flymake-diagnostic-data diag))))))
    (or (and lsp (plist-get lsp :code))
        (and (string-match "\\[\\(NB[0-9]+\\)\\]" (flymake-diagnostic-text diag))
             (match-string 1 (flymake-diagnostic-text diag))))))

(defun nb-diags (&optional code)
  (cl-remove-if-not (lambda (d) (or (null code) (equal (nb-code d) code)))
                    (flymake-diagnostics)))

(defun nb-wait (what pred)
  "Wait until PRED holds, processing server output; fail after `nb-timeout'."
  (let ((start (float-time))
        (deadline (+ (float-time) nb-timeout)))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (accept-process-output nil 0.02))
    (nb-check (funcall pred) "timed out after %.0f s waiting for %s" nb-timeout what)
    (nb-out "ok: %s (%.0f ms)" what (* 1000 (- (float-time) start)))))

(defun nb-idle ()
  "Emulate the user pausing: run the idle timers that are due (batch Emacs never idles).
Eglot sends buffer changes to the server from such a timer."
  (dolist (timer (copy-sequence timer-idle-list))
    (timer-event-handler timer)))

(defun nb-after-command ()
  "What the command loop does after a command: run `post-command-hook' (`eglot-ensure'
connects from there)."
  (run-hooks 'post-command-hook))

(defun nb-open (file)
  (find-file file)
  (nb-after-command)
  (current-buffer))

(defun nb-line (n)
  (save-excursion
    (goto-char (point-min))
    (forward-line (1- n))
    (buffer-substring-no-properties (line-beginning-position) (line-end-position))))

(defun nb-did-open-language (buffer)
  (let ((uri (with-current-buffer buffer
               (plist-get (eglot--TextDocumentIdentifier) :uri))))
    (cl-loop for params in (nb-sent "textDocument/didOpen")
             for doc = (plist-get params :textDocument)
             when (equal (plist-get doc :uri) uri)
             return (plist-get doc :languageId))))

(defun nb-show ()
  (dolist (buf (buffer-list))
    (when (buffer-file-name buf)
      (with-current-buffer buf
        (nb-out "  buffer %s (%s)" (buffer-file-name) major-mode)
        (dolist (d (flymake-diagnostics))
          (nb-out "    diagnostic %s %d-%d %s %s" (nb-code d) (flymake-diagnostic-beg d)
                  (flymake-diagnostic-end d) (flymake-diagnostic-type d)
                  (flymake-diagnostic-text d)))
        (dolist (n '(53 54 55))
          (nb-out "    line %d: %s" n (nb-line n))))))
  (nb-out "  sent to the server: %s"
          (mapconcat (lambda (m) (format "%s" (car m))) (reverse nb-sent) ", ")))

(defun nb-shutdown ()
  (dolist (server (cl-remove-duplicates
                   (cl-loop for servers being the hash-values of eglot--servers-by-project
                            append servers)))
    (ignore-errors (eglot-shutdown server))))

(defun nb-main ()
  (nb-out "Emacs %s, Eglot from %s" emacs-version
          (file-name-directory (or (locate-library "eglot") "?")))
  ;; 1. The report opens in nianbao-mode; Eglot starts by itself and manages it.
  (let ((buf (nb-open nb-report)) server)
    (nb-check (eq major-mode 'nianbao-mode) "major mode of the report is %s" major-mode)
    (nb-out "ok: %s opens in nianbao-mode" (file-name-nondirectory nb-report))
    (nb-wait "Eglot to manage the report" (lambda () (and (eglot-current-server) eglot--managed-mode)))
    (setq server (eglot-current-server))
    (nb-check (cl-typep server 'nianbao-eglot-server) "the server is a %s" (type-of server))
    (nb-check (equal (file-truename (project-root (eglot--project server)))
                     (file-truename nb-project))
              "project root %s, expected %s" (project-root (eglot--project server)) nb-project)
    (nb-check (equal (nb-did-open-language buf) "nianbao")
              "didOpen languageId %s" (nb-did-open-language buf))
    (nb-out "ok: didOpen languageId nianbao")
    (let* ((init (car (nb-sent "initialize")))
           (options (plist-get init :initializationOptions)))
      (nb-check (equal (plist-get (plist-get options :rules) :NB401) "warning")
                "initializationOptions %S" options))
    (nb-out "ok: settings sent as initializationOptions")

    ;; 2. The findings, at the right places.
    (nb-wait "NB202 and NB401 in Flymake"
             (lambda () (flymake-start) (and (nb-diags "NB202") (nb-diags "NB401"))))
    (let* ((line54 (nb-line 54))
           (cell-col (string-search nb-old-cell line54))
           (expected-beg (save-excursion (goto-char (point-min)) (forward-line 53)
                                         (+ (point) cell-col)))
           (d (car (nb-diags "NB202"))))
      ;; The CLI reports 54:13 (1-based characters); Emacs positions count characters too.
      (nb-check (eql cell-col 12) "the cell starts at character column %s, expected 12 (0-based)" cell-col)
      (nb-check (= (flymake-diagnostic-beg d) expected-beg)
                "NB202 starts at %d, expected %d (line 54, column 12)" (flymake-diagnostic-beg d) expected-beg)
      (nb-check (= (flymake-diagnostic-end d) (+ expected-beg (length nb-old-cell)))
                "NB202 ends at %d, expected %d" (flymake-diagnostic-end d)
                (+ expected-beg (length nb-old-cell)))
      (nb-check (string-match-p (regexp-quote nb-202-message) (flymake-diagnostic-text d))
                "NB202 text %s" (flymake-diagnostic-text d))
      (nb-check (eq (flymake-diagnostic-type d) 'eglot-warning) "NB202 type %s" (flymake-diagnostic-type d))
      (nb-out "ok: NB202 at buffer position %d (line 54, column 12), message and type" expected-beg)
      (let ((d401 (car (nb-diags "NB401")))
            (line120 (save-excursion (goto-char (point-min)) (forward-line 119) (point))))
        (nb-check (equal (nb-line 120) "六、其他需要报告的事项") "line 120 is %s" (nb-line 120))
        (nb-check (= (flymake-diagnostic-beg d401) line120)
                  "NB401 starts at %d, expected %d (line 120)" (flymake-diagnostic-beg d401) line120)
        ;; An error by default; the settings made it a warning.
        (nb-check (eq (flymake-diagnostic-type d401) 'eglot-warning)
                  "NB401 type %s: the setting rules.NB401 = warning did not apply"
                  (flymake-diagnostic-type d401))
        (nb-out "ok: NB401 at line 120, a warning as the settings say"))

      ;; 3. The quick fix through Eglot's code actions.
      (goto-char expected-beg)
      (let* ((actions (eglot-code-actions (point) nil "quickfix" nil))
             (action (cl-find nb-fix-title actions :key (lambda (a) (plist-get a :title)) :test #'equal))
             (offered nil))
        (nb-check action "no quick fix titled %s among %S" nb-fix-title
                  (mapcar (lambda (a) (plist-get a :title)) actions))
        (nb-check (eq (plist-get action :isPreferred) t) "the fix is not preferred: %S" action)
        ;; Apply it as the user does; should Eglot ask, pick the fix by its title.
        (let ((completing-read-function
               (lambda (_prompt collection &rest _)
                 (setq offered (all-completions "" collection))
                 nb-fix-title)))
          (eglot-code-actions (point) nil "quickfix" t))
        (nb-check (or (null offered) (member nb-fix-title offered)) "offered %S" offered)
        (let ((want (replace-regexp-in-string nb-old-cell nb-new-cell line54 t t)))
          (nb-check (equal (nb-line 54) want) "line 54 after the fix: %s, expected %s" (nb-line 54) want))
        (nb-check (and (save-excursion (goto-char (point-min)) (search-forward nb-new-cell nil t))
                       (not (save-excursion (goto-char (point-min)) (search-forward nb-old-cell nil t))))
                  "the buffer still holds %s or lacks %s" nb-old-cell nb-new-cell)
        (nb-out "ok: quick fix %s (preferred) applied: line 54 now reads %s" nb-fix-title nb-new-cell)))

    ;; 4. The findings follow the edit (Eglot sends the change when the user pauses).
    (nb-wait "NB202 to disappear after the fix (NB401 still there)"
             (lambda () (nb-idle) (flymake-start)
               (and (null (nb-diags "NB202")) (nb-diags "NB401"))))

    ;; 5. A plain-text copy: text-mode, languageId plaintext, checked because of its title.
    (let ((copy (nb-open nb-copy)))
      (nb-check (eq major-mode 'text-mode) "major mode of the copy is %s" major-mode)
      (nb-wait "Eglot to manage the plain-text copy" (lambda () eglot--managed-mode))
      (nb-check (equal (nb-did-open-language copy) "plaintext")
                "didOpen languageId for text-mode %s" (nb-did-open-language copy))
      (nb-out "ok: text-mode is sent as languageId plaintext")
      (nb-wait "NB202 on the plain-text copy" (lambda () (flymake-start) (nb-diags "NB202")))
      ;; 6. The fix-all command (source.fixAll.nianbao).
      (nianbao-fix-all)
      (nb-check (string-search nb-new-cell (nb-line 54)) "after nianbao-fix-all line 54 is %s" (nb-line 54))
      (nb-out "ok: nianbao-fix-all fixed the copy's header cell"))
    (nb-shutdown)
    (nb-out "ok: servers shut down")))

(condition-case err
    (progn (nb-main) (nb-out "OK") (kill-emacs 0))
  (error
   (nb-out "FAIL: %s" (if (eq (car err) 'nb-failure) (cadr err) (error-message-string err)))
   (nb-show)
   (nb-shutdown)
   (kill-emacs 1)))

;;; eglot_check.el --- open a spec in Emacs with eglot, print speclint's diagnostics as JSON  -*- lexical-binding: t -*-
;; Usage: SPEC=path OUT=path SPECLINT=path emacs --batch -l eglot_check.el
(require 'eglot)
(require 'json)
(require 'flymake)

(define-derived-mode mspec-mode text-mode "mspec")
(add-to-list 'auto-mode-alist '("\\.mspec\\'" . mspec-mode))
(add-to-list 'eglot-server-programs `(mspec-mode . (,(or (getenv "SPECLINT") "speclint") "lsp")))

(defun speclint-write (data)
  (with-temp-file (getenv "OUT")
    (insert (json-encode data))))

(let ((spec (getenv "SPEC")))
  (find-file spec)
  (setq eglot-connect-timeout 60)
  (setq eglot-sync-connect t)
  ;; `eglot-ensure' connects from `post-command-hook', which batch mode never
  ;; runs: connect directly, as M-x eglot would
  (condition-case err
      (apply #'eglot (eglot--guess-contact))
    (error (speclint-write `((error . ,(error-message-string err)))) (kill-emacs 1)))
  (let ((deadline (+ (float-time) 60)))
    (while (and (not (eglot-current-server)) (< (float-time) deadline))
      (accept-process-output nil 0.2)))
  (flymake-mode 1)
  (let ((deadline (+ (float-time) 60)))
    (while (and (null (flymake-diagnostics)) (< (float-time) deadline))
      (accept-process-output nil 0.2)
      (flymake-start)))
  (speclint-write
   `((server . ,(if (eglot-current-server) t :json-false))
     (diagnostics . ,(vconcat
                      (mapcar (lambda (d)
                                `((line . ,(line-number-at-pos (flymake-diagnostic-beg d)))
                                  (message . ,(flymake-diagnostic-text d))
                                  (type . ,(format "%s" (flymake-diagnostic-type d)))))
                              (flymake-diagnostics))))))
  (ignore-errors (eglot-shutdown (eglot-current-server)))
  (kill-emacs 0))

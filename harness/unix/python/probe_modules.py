# Build fact: the modules the binary has built in or frozen, as help('modules') lists them.
help('modules')

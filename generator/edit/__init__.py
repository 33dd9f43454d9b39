"""What the web form writes into the working copy: Decap CMS's local protocol, and brand.yml kept as
the editor's own file (its comments, order and quoting) when only some values change."""

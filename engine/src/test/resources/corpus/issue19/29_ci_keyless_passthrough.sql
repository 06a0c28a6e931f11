SELECT label, weight FROM label_links

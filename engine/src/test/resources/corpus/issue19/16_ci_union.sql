SELECT label FROM labels UNION SELECT label FROM label_links

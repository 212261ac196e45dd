//! Small display pieces shared by the pages; each takes plain data as props.

pub mod content_error;
pub mod cover_image;
pub mod fetch_error;
pub mod link_list;
pub mod link_nav;
pub mod loading;
pub mod page_body;
pub mod page_header;
pub mod page_list;
pub mod page_meta;
pub mod pager_nav;
pub mod post_date;
pub mod site_footer;
pub mod site_header;
pub mod table_of_contents;
pub mod theme_toggle;
